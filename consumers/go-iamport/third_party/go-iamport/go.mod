module github.com/iamport/go-iamport

go 1.15

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/grpc-ecosystem/grpc-gateway/v2 v2.0.0 // indirect
	github.com/iamport/interface v0.0.15-0.20210706075255-4df7843e6bd5
	github.com/stretchr/testify v1.6.1
	google.golang.org/protobuf v1.25.0
	gopkg.in/yaml.v3 v3.0.0-20200615113413-eeeca48fe776 // indirect
)

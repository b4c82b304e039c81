module github.com/portone-community/portone-v1-go/consumers/go-iamport

go 1.26.0

require (
	github.com/iamport/go-iamport v0.3.3
	github.com/iamport/interface v0.0.15-0.20210706075255-4df7843e6bd5
	google.golang.org/protobuf v1.25.0
)

require (
	github.com/golang/protobuf v1.4.2 // indirect
	github.com/grpc-ecosystem/grpc-gateway/v2 v2.0.0 // indirect
	golang.org/x/net v0.0.0-20200822124328-c89045814202 // indirect
	golang.org/x/sys v0.0.0-20200803210538-64077c9b5642 // indirect
	golang.org/x/text v0.3.3 // indirect
	google.golang.org/genproto v0.0.0-20201007142714-5c0e72c5e71e // indirect
	google.golang.org/grpc v1.32.0 // indirect
)

// The Go module proxy refuses github.com/iamport/go-iamport (403 "This module
// version is not available", for @v/list and every tag): third_party/ holds
// its library files as of commit b7f9777 (PROVENANCE.md).
replace github.com/iamport/go-iamport => ./third_party/go-iamport

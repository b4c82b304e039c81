package wrapper

//go:generate go run ./internal/gen -client ../generated/portone.gen.go -out operations.gen.go

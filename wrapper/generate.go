package wrapper

//go:generate go run ./internal/gen -generated ../generated -out operations.gen.go

package contracttests_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/openapi"
)

// A fake server (or any test) holds each response it is about to send to
// the spec, including keys the spec does not declare.
func ExampleChecker_CheckResponse() {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		panic(err)
	}
	checker, err := contracttests.NewChecker(doc)
	if err != nil {
		panic(err)
	}
	header := http.Header{"Content-Type": {"application/json; charset=UTF-8"}}
	body := []byte(`{"code":0,"message":null,"response":{"access_token":"x","now":1700000000,"expired_at":1700001800,"refresh":true}}`)

	err = checker.CheckResponse("POST", "/users/getToken", "", 200, header, body)
	fmt.Println(err)

	var ce *contracttests.CheckError
	if errors.As(err, &ce) {
		fmt.Println(ce.Problems[0].Path)
	}
	// Output:
	// POST /users/getToken -> 200: 1 problem(s)
	//   strict/unknown-key at $.response.refresh: key "refresh" is not declared by the schema (AccessToken)
	// $.response.refresh
}

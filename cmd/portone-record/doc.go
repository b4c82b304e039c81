// Command portone-record records fresh responses of PortOne's V1 API into
// the contract-test corpus (contract_tests/testdata/recorded), so that
// teams who regenerate the client after an API change can hold the spec to
// what the API answers today.
//
//	PORTONE_API_KEY=... PORTONE_API_SECRET=... \
//	    go run ./cmd/portone-record imp_123456789012 order-2024-0001
//	make record IDS="imp_123456789012 order-2024-0001"
//
// Each argument starting with "imp_" or "imps_" is looked up with
// GET /payments/{imp_uid}; any other is a merchant_uid, looked up with
// GET /payments/find/{merchant_uid}, through the wrapper package (token
// handling, envelopes). The recorder only reads: its
// transport refuses every request but GETs and the token exchange, so it
// can never cancel, pay or schedule anything.
//
// Before a file is written, the access token, the API key and secret and
// personal data are replaced by placeholders of the same JSON type: buyer
// and customer fields, card numbers past the BIN (first six digits),
// phone numbers and e-mail addresses anywhere in a string. The file's
// source.notes lists which keys were redacted, never their values.
package main

package fake

import "encoding/json"

// The real API writes every key of its objects, with null (or 0) where
// there is no value; a client that maps vbank_issued_at to a date, or reads
// customer_uid as a key, must find them. The spec marks those optional
// properties with x-omitempty: false, so the generated models write them as
// null when nil; the two that the API writes as 0 when empty (a payment's
// vbank_issued_at, a Naver review's modified_at) are set to 0 when the fake
// makes the record (completePayment, AddNaverReview).
//
// Evidence for the keys: every payment recording since 2021 carries the same
// 47 keys, null or 0 where empty (013 is from 2024-12); billing keys: PortOne's
// docs example 037; schedules: capture 031 (customer_id null, currency
// "KRW"); Naver product orders and reviews: iamport-rest-client-php builds
// them from claim_type, claim_status, shipping_memo, individual_code,
// content, product_option_name and modified_at without checking that the
// keys are there. Optional properties no recording shows (card_issuer_code,
// promotion, sandbox, deposit_history...) stay out, as on the wire.
// TestKeyParityWithRecordings holds every emulated answer to the recordings
// of its operation.

// marshalAnswer encodes an answer as the API writes it.
func marshalAnswer(v any) ([]byte, error) {
	return json.Marshal(v)
}

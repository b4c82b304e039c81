package fake

import (
	"errors"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// Messages of the real API, where a recording or a client's live test
// against api.iamport.kr shows the text (issue 9, item 7). Each has its
// source; docs/fake.md keeps the table and TestRealMessages holds the fake
// to each. Messages not listed here are the fake's own wording.
const (
	// Recording 022; iamporter's test/payment.test.js (findByImpUid,
	// findByMerchantUid, findAllByMerchantUid), 404.
	msgPaymentNotFound = "존재하지 않는 결제정보입니다."
	// iamporter's test/payment.test.js (getPreparedPayment of an unknown
	// merchant_uid: 404, data null).
	msgNotPrepared = "사전등록된 결제정보가 존재하지 않습니다."
	// iamporter's test/certification.test.js (GET and DELETE, 404);
	// iamport-rest-client-python's tests/test_certification.py writes it
	// too, in an assertion pytest.raises never reaches.
	msgCertificationNotFound = "인증결과가 존재하지 않습니다."
	// iamport-rest-client-python's tests/test_pay_again.py (2016 to 2019,
	// code 1), iamporter's test/payment.test.js, a Java application's
	// logged answer of PortOne's Java client (2022), go-iamport's
	// iamport/subscribe_test.go.
	msgCustomerNotRegistered = "등록되지 않은 구매자입니다."
	// iamporter's test/payment.test.js (findAllByStatus with an unknown
	// status).
	msgUnknownStatus = "지원되지 않는 상태값입니다."
	// iamport-rest-client-python's tests/test_pay_unschedule.py (code 1);
	// go-iamport's subscribe/subscribe_test.go.
	msgNothingToUnschedule = "취소할 예약결제 기록이 존재하지 않습니다."
	// iamport-rest-client-python's tests/test_pay_schedule.py (a schedule
	// for an unknown customer_uid without card details, code 1).
	msgScheduleNoCustomer = "등록된 고객정보가 없습니다."
	// iamporter's test/auth.test.js (getToken without key and secret).
	msgTokenParamsMissing = "imp_key, imp_secret 파라메터가 누락되었습니다."
	// iamport-rest-client-python's tests/test_cancel.py, iamporter's
	// test/payment.test.js (cancelByImpUid, cancelByMerchantUid).
	msgCancelNotFound = "취소할 결제건이 존재하지 않습니다."
)

// msgBillingKeyUnknown is the answer to a lookup (customer_view,
// customer_delete) of an unknown billing key: iamporter's
// test/subscription.test.js checks its end; iamport-rest-client-python's
// tests/test_customer_get.py writes it in full, in an assertion that
// pytest.raises never reaches (after the raising call).
func msgBillingKeyUnknown(customerUID string) string {
	return "요청하신 customer_uid(" + customerUID + ")로 등록된 정보를 찾을 수 없습니다."
}

// knownValidationMessage is the real message for a request the spec
// refuses, where it is known: an unknown payment_status (the status
// listings and lookups) and getToken without imp_key or imp_secret.
func knownValidationMessage(op string, err error) (string, bool) {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return "", false
	}
	switch {
	case re.Parameter != nil && re.Parameter.Name == "payment_status":
		return msgUnknownStatus, true
	case op == "getToken" && re.RequestBody != nil:
		return msgTokenParamsMissing, true
	}
	return "", false
}

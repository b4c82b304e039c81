// Command shop is a small web shop that takes a PortOne V1 payment the way
// a real one does: its checkout page loads PortOne's browser SDK and calls
// IMP.request_pay (callback or m_redirect_url mode), its server registers
// the amount first (preparePayment), verifies every payment it is told
// about through the REST API (callback, redirect and webhook alike), cancels
// a payment whose amount was tampered with, and refunds on request.
//
// Offline, against the fake (one command, `make shop`):
//
//	go run ./examples/shop            # starts the fake in-process too
//
// Against PortOne, by changing the base URLs and credentials only:
//
//	PORTONE_API_KEY=... PORTONE_API_SECRET=... PORTONE_IMP_CODE=imp12345678 \
//	PORTONE_SDK_URL=https://cdn.iamport.kr/v1/iamport.js SHOP_PUBLIC_URL=https://shop.example \
//	go run ./examples/shop
//
// See docs/browser.md.
package main

package fake

import (
	"net/http"
	"slices"

	"github.com/portone-community/portone-v1-go/generated"
)

// Bank and card company codes (GET /banks, /cards and their {code} forms).
// Both tables are fixed public facts, so they are package data, not state:
// the list answers and the single lookups read the same slice, so a code is
// found by GET /banks/{code} exactly when GET /banks lists it.

// bankCodes are the 금융결제원 (KFTC) three-digit bank standard codes, the
// codes vbank_code, bank_code and refund_bank carry. Source: KFTC's
// standard institution codes as public V1 clients reproduce them (e.g. the
// tables found with the search index, ids 123870519 and 46311373402: 002
// KDB ... 060 BOA, 061 BNP Paribas, 062 ICBC, 063 Bank of China, 064 산림조합,
// 065 대화은행, 071 우체국, 076/077 보증기금, 081 하나, 088 신한, 089 케이뱅크,
// 090 카카오뱅크, 092 토스뱅크), cross-checked against the list of banks in
// PortOne's own server SDK (@portone/server-sdk common/Bank.d.ts: the same
// 42 institutions in the same order, BANK_OF_KOREA ... TOSS). Securities
// firms (2xx) are left out: PortOne's V1 answers are about banks.
var bankCodes = []generated.StandardCode{
	{Code: "001", Name: "한국은행"},
	{Code: "002", Name: "KDB산업은행"},
	{Code: "003", Name: "IBK기업은행"},
	{Code: "004", Name: "KB국민은행"},
	{Code: "007", Name: "수협은행"},
	{Code: "008", Name: "수출입은행"},
	{Code: "011", Name: "NH농협은행"},
	{Code: "012", Name: "지역농·축협"},
	{Code: "020", Name: "우리은행"},
	{Code: "023", Name: "SC제일은행"},
	{Code: "027", Name: "한국씨티은행"},
	{Code: "031", Name: "대구은행"},
	{Code: "032", Name: "부산은행"},
	{Code: "034", Name: "광주은행"},
	{Code: "035", Name: "제주은행"},
	{Code: "037", Name: "전북은행"},
	{Code: "039", Name: "경남은행"},
	{Code: "045", Name: "새마을금고"},
	{Code: "048", Name: "신협"},
	{Code: "050", Name: "저축은행"},
	{Code: "052", Name: "모건스탠리은행"},
	{Code: "054", Name: "HSBC은행"},
	{Code: "055", Name: "도이치은행"},
	{Code: "057", Name: "제이피모간체이스은행"},
	{Code: "058", Name: "미즈호은행"},
	{Code: "059", Name: "엠유에프지은행"},
	{Code: "060", Name: "BOA은행"},
	{Code: "061", Name: "비엔피파리바은행"},
	{Code: "062", Name: "중국공상은행"},
	{Code: "063", Name: "중국은행"},
	{Code: "064", Name: "산림조합중앙회"},
	{Code: "065", Name: "대화은행"},
	{Code: "066", Name: "교통은행"},
	{Code: "067", Name: "중국건설은행"},
	{Code: "071", Name: "우체국"},
	{Code: "076", Name: "신용보증기금"},
	{Code: "077", Name: "기술보증기금"},
	{Code: "081", Name: "하나은행"},
	{Code: "088", Name: "신한은행"},
	{Code: "089", Name: "케이뱅크"},
	{Code: "090", Name: "카카오뱅크"},
	{Code: "092", Name: "토스뱅크"},
}

// cardCodes are the card company codes PortOne V1 reports in card_code.
// Source: PortOne's V1 code page, portone-io/developers.portone.io
// src/routes/(root)/opi/ko/support/code-info/card-code.mdx (commit
// 86c52dbc4b2cbabc58386fdb49f334bee2026b34), names as that page gives them.
var cardCodes = []generated.StandardCode{
	{Code: "361", Name: "BC"},
	{Code: "381", Name: "KB"},
	{Code: "367", Name: "현대"},
	{Code: "365", Name: "삼성"},
	{Code: "368", Name: "롯데"},
	{Code: "371", Name: "NH"},
	{Code: "041", Name: "우리"},
	{Code: "374", Name: "하나SK"},
	{Code: "045", Name: "새마을"},
	{Code: "373", Name: "제주"},
	{Code: "364", Name: "광주"},
	{Code: "366", Name: "신한"},
	{Code: "002", Name: "KDB"},
	{Code: "369", Name: "수협"},
	{Code: "048", Name: "신협"},
	{Code: "370", Name: "씨티"},
	{Code: "071", Name: "우체국"},
	{Code: "089", Name: "K뱅크"},
	{Code: "372", Name: "전북"},
	{Code: "090", Name: "카카오뱅크"},
}

// Messages for an unknown code. PortOne documents the 404 but not its text;
// these are the fake's choice.
const (
	msgBankCodeNotFound = "존재하지 않는 은행 코드입니다."
	msgCardCodeNotFound = "존재하지 않는 카드사 코드입니다."
)

func lookupCode(table []generated.StandardCode, code string) (generated.StandardCode, bool) {
	i := slices.IndexFunc(table, func(c generated.StandardCode) bool { return c.Code == code })
	if i < 0 {
		return generated.StandardCode{}, false
	}
	return table[i], true
}

func writeCode(w http.ResponseWriter, table []generated.StandardCode, code, notFound string) {
	c, ok := lookupCode(table, code)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, notFound)
		return
	}
	writeOK(w, c)
}

func (h *handlers) AllBankCodes(w http.ResponseWriter, _ *http.Request) {
	writeOK(w, bankCodes)
}

func (h *handlers) BankCodes(w http.ResponseWriter, _ *http.Request, code string) {
	writeCode(w, bankCodes, code, msgBankCodeNotFound)
}

func (h *handlers) AllCardCodes(w http.ResponseWriter, _ *http.Request) {
	writeOK(w, cardCodes)
}

func (h *handlers) CardCodes(w http.ResponseWriter, _ *http.Request, code string) {
	writeCode(w, cardCodes, code, msgCardCodeNotFound)
}

package fake

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Identity verification by SMS (본인인증, requestOTP then confirmOTP). The
// fake sends no SMS: the code is always FakeOTP.

// FakeOTP is the SMS code confirmOTP accepts.
const FakeOTP = "123456"

var kst = time.FixedZone("KST", 9*3600)

func (h *handlers) RequestOTP(w http.ResponseWriter, r *http.Request) {
	var req generated.RequestOtpRequest
	if !decodeBody(w, r, &req) {
		return
	}
	birthday, ok := birthDate(strings.NewReplacer("-", "", ".", "", "/", "").Replace(req.Birth), req.GenderDigit)
	if !ok {
		writeError(w, http.StatusBadRequest, codeFailure, "birth는 YYMMDD 형식이어야 합니다.")
		return
	}
	carrier := generated.Carrier(req.Carrier)
	if deref(req.IsMvno) {
		carrier += "_MVNO"
	}
	male := strings.ContainsAny(req.GenderDigit, "1357")
	gender := generated.GenderFemale
	if male {
		gender = generated.GenderMale
	}
	foreigner := strings.ContainsAny(req.GenderDigit, "5678")
	st := h.s.store
	st.mu.Lock()
	st.seq++
	c := generated.Certification{
		ImpUID: fmt.Sprintf("imp_%012d", 100000000000+st.seq), MerchantUID: req.MerchantUID,
		PgProvider: "danal", PgTid: new(fmt.Sprintf("fake_cert_%d", st.seq)),
		Name: &req.Name, Phone: &req.Phone, Carrier: &carrier, Gender: &gender,
		Birthday: new(birthday.Format(time.DateOnly)), Birth: new(birthday.Unix()),
		Foreigner: foreigner, // foreigner_v2 stays null: the flag was not requested
	}
	st.certifications[c.ImpUID] = &c
	st.mu.Unlock()
	writeOK(w, generated.CertificationOtp{ImpUID: c.ImpUID})
}

// birthDate reads YYMMDD, the century coming from the resident-number
// gender digit.
func birthDate(yymmdd, genderDigit string) (time.Time, bool) {
	century := "19"
	if strings.ContainsAny(genderDigit, "3478") {
		century = "20"
	}
	t, err := time.ParseInLocation("20060102", century+yymmdd, kst)
	return t, err == nil && len(yymmdd) == 6
}

func (h *handlers) ConfirmOTP(w http.ResponseWriter, r *http.Request, impUID generated.CertificationUIDPath) {
	var req generated.ConfirmOtpRequest
	if r.ContentLength != 0 && !decodeBody(w, r, &req) {
		return
	}
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	c, ok := st.certifications[impUID]
	refusal := ""
	switch {
	case !ok:
	case c.Certified:
		refusal = "이미 완료된 본인인증입니다."
	case deref(req.Otp) != FakeOTP:
		refusal = "인증번호가 일치하지 않습니다."
	default:
		c.Certified, c.CertifiedAt = true, now
		c.UniqueKey = new("fake-ci-" + strings.Repeat("0", 8) + impUID)
		c.UniqueInSite = new("fake-di-" + impUID)
	}
	var out generated.Certification
	if ok {
		out = *c
	}
	st.mu.Unlock()
	writeChange(w, out, ok, msgCertificationNotFound, refusal)
}

func (h *handlers) GetCertification(w http.ResponseWriter, _ *http.Request, impUID generated.CertificationUIDPath) {
	h.answerCertification(w, impUID, false)
}

func (h *handlers) DeleteCertification(w http.ResponseWriter, _ *http.Request, impUID generated.CertificationUIDPath) {
	h.answerCertification(w, impUID, true)
}

// answerCertification answers the verification impUID, removing it first
// when remove is set (the answer is then what was deleted).
func (h *handlers) answerCertification(w http.ResponseWriter, impUID string, remove bool) {
	st := h.s.store
	st.mu.Lock()
	c, ok := st.certifications[impUID]
	var out generated.Certification
	if ok {
		out = *c
		if remove {
			delete(st.certifications, impUID)
		}
	}
	st.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgCertificationNotFound)
		return
	}
	writeOK(w, out)
}

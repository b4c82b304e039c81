package main

import (
	"context"
	"image"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/portone-community/portone-v1-go/generated"
)

// The checkout paid by card in the overlay: the callback, the server's
// check, the stored payment and the webhook all agree.
func TestBrowserCallbackPaid(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	e := newEnv(t)
	e.checkout("card", false, false, "")
	frame := e.windowFrame()
	amount := get(e, chromedp.Text(chromedp.CSS("#amount"), chromedp.FromNode(frame)))
	if !strings.Contains(amount, "39,000") {
		t.Errorf("window shows amount %q, want 39,000", amount)
	}
	e.press("approve", frame)
	status, text := e.result()
	if status != "paid" || !strings.Contains(text, "success=true") {
		t.Fatalf("result %q %q, want paid with success=true", status, text)
	}
	o := e.order()
	p := e.payment(o.MerchantUID)
	if p.Status != generated.PaymentStatusPaid || p.Amount != productPrice || p.PayMethod != "card" ||
		p.PgProvider != "html5_inicis" || deref(p.Channel) != generated.PaymentChannelPc || deref(p.BuyerName) != "김구매" {
		t.Errorf("stored payment %+v", p)
	}
	if p.ImpUID != o.ImpUID {
		t.Errorf("shop verified %s, fake stored %s", o.ImpUID, p.ImpUID)
	}
	e.waitFor("the paid webhook", func() bool { return e.webhookSeen(o.MerchantUID, "paid") })
	if overlays := get(e, chromedp.Evaluate[int](`document.querySelectorAll("#portone-fake-overlay").length`)); overlays != 0 {
		t.Errorf("overlay still open after the callback")
	}
}

// A failed and a closed window: success false, the PG's reason, a failed
// payment, no webhook.
func TestBrowserCallbackFailedAndClosed(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	for _, tc := range []struct{ action, reason string }{
		{"fail", "[F1004]"},
		{"close", "사용자가 결제를 취소하셨습니다"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			e := newEnv(t)
			e.checkout("card", false, false, "")
			e.press(tc.action, e.windowFrame())
			status, text := e.result()
			if status != "failed" || !strings.Contains(text, "success=false") {
				t.Fatalf("result %q %q, want failed with success=false", status, text)
			}
			o := e.order()
			p := e.payment(o.MerchantUID)
			if p.Status != generated.PaymentStatusFailed || !strings.Contains(deref(p.FailReason), tc.reason) {
				t.Errorf("stored payment status %s reason %q, want failed with %q", p.Status, deref(p.FailReason), tc.reason)
			}
			if e.webhookSeen(o.MerchantUID, "failed") || len(e.fake.Webhooks()) != 0 {
				t.Errorf("a failed window payment sent a webhook: %+v", e.fake.Webhooks())
			}
		})
	}
}

// Redirect mode: the window takes the tab and sends the buyer back to
// m_redirect_url, whose handler verifies.
func TestBrowserRedirect(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	for _, tc := range []struct{ action, status, success string }{
		{"approve", "paid", "true"},
		{"fail", "failed", "false"},
		{"close", "failed", "false"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			e := newEnv(t)
			e.checkout("card", true, false, "")
			e.press(tc.action, nil)
			status, _ := e.result()
			if status != tc.status {
				t.Fatalf("redirect result %q, want %q", status, tc.status)
			}
			loc := get(e, chromedp.Location())
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatal(err)
			}
			o := e.order()
			q := u.Query()
			if u.Path != "/payments/complete" || q.Get("imp_success") != tc.success || q.Get("merchant_uid") != o.MerchantUID || q.Get("imp_uid") != o.ImpUID {
				t.Errorf("redirected to %s, want /payments/complete with imp_success=%s and the order's ids", loc, tc.success)
			}
			if tc.success == "false" && q.Get("error_msg") == "" {
				t.Errorf("failure redirect without error_msg: %s", loc)
			}
			if p := e.payment(o.MerchantUID); deref(p.Channel) != generated.PaymentChannelMobile {
				t.Errorf("redirect payment channel %v, want mobile", deref(p.Channel))
			}
		})
	}
}

// A virtual account: issued in the window (success true, status ready),
// deposited with the dashboard's button, announced, and the shop's order
// follows.
func TestBrowserVbankIssuedAndDeposited(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	e := newEnv(t)
	e.checkout("vbank", false, false, "")
	e.press("approve", e.windowFrame())
	status, text := e.result()
	if status != "awaiting_deposit" || !strings.Contains(text, "success=true") {
		t.Fatalf("result %q %q, want awaiting_deposit with success=true", status, text)
	}
	o := e.order()
	p := e.payment(o.MerchantUID)
	if p.Status != generated.PaymentStatusReady || deref(p.VbankNum) == "" || p.VbankDate == 0 {
		t.Fatalf("stored vbank payment %+v", p)
	}
	e.waitFor("the ready webhook", func() bool { return e.webhookSeen(o.MerchantUID, "ready") })

	sel := chromedp.CSS(`tr[data-imp-uid="` + p.ImpUID + `"] [data-control="deposit"]`)
	e.do(
		chromedp.Navigate(e.fake.URL()+"/__fake/"),
		chromedp.WaitVisible(sel),
		chromedp.Click(sel),
		chromedp.WaitVisible(chromedp.CSS("#flash")),
	)
	e.waitFor("the paid webhook", func() bool { return e.webhookSeen(o.MerchantUID, "paid") })
	e.waitFor("the shop's order to be paid", func() bool {
		e.shop.mu.Lock()
		defer e.shop.mu.Unlock()
		return e.shop.orders[o.MerchantUID].Status == "paid"
	})
}

// Tampered amounts. With the amount registered, the window's payment
// fails and the callback says so; without it, the payment goes through
// with the wrong amount and the shop's server check catches and cancels it.
func TestBrowserTamperedAmount(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	t.Run("prepared", func(t *testing.T) {
		e := newEnv(t)
		e.checkout("card", false, false, "1000")
		e.press("approve", e.windowFrame())
		status, text := e.result()
		if status != "failed" || !strings.Contains(text, "success=false") {
			t.Fatalf("result %q %q, want failed with success=false", status, text)
		}
		if p := e.payment(e.order().MerchantUID); p.Status != generated.PaymentStatusFailed || p.Amount != 1000 {
			t.Errorf("stored payment %s %v, want failed 1000", p.Status, p.Amount)
		}
	})
	t.Run("not prepared", func(t *testing.T) {
		e := newEnv(t)
		e.checkout("card", false, true, "1000")
		e.press("approve", e.windowFrame())
		status, text := e.result()
		if status != "tampered" || !strings.Contains(text, "success=true") {
			t.Fatalf("result %q %q, want tampered (the PG said success=true)", status, text)
		}
		if p := e.payment(e.order().MerchantUID); p.Status != generated.PaymentStatusCancelled || p.CancelAmount != 1000 {
			t.Errorf("stored payment %s cancelled %v, want cancelled 1000", p.Status, p.CancelAmount)
		}
	})
	// Negative control: the same not-prepared checkout with the real
	// amount is paid, so the check above is the amount's doing.
	t.Run("control", func(t *testing.T) {
		e := newEnv(t)
		e.checkout("card", false, true, "")
		e.press("approve", e.windowFrame())
		if status, text := e.result(); status != "paid" {
			t.Fatalf("result %q %q, want paid", status, text)
		}
	})
}

// Transfer and phone payments, and the refund button.
func TestBrowserOtherMethodsAndRefund(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	for _, method := range []string{"trans", "phone"} {
		t.Run(method, func(t *testing.T) {
			e := newEnv(t)
			e.checkout(method, false, false, "")
			e.press("approve", e.windowFrame())
			if status, text := e.result(); status != "paid" {
				t.Fatalf("result %q %q, want paid", status, text)
			}
			o := e.order()
			if p := e.payment(o.MerchantUID); p.PayMethod != method {
				t.Errorf("pay_method %q, want %q", p.PayMethod, method)
			}
			if method != "trans" {
				return
			}
			sel := chromedp.CSS(`[data-refund="` + o.MerchantUID + `"]`)
			e.do(chromedp.Navigate(e.shopTS.URL), chromedp.WaitVisible(sel), chromedp.Click(sel))
			e.waitFor("the refund", func() bool { return e.order().Status == "refunded" })
			if got := e.order(); got.Refund != productPrice {
				t.Errorf("order after refund %+v", got)
			}
			if p := e.payment(o.MerchantUID); p.Status != generated.PaymentStatusCancelled || p.CancelAmount != productPrice {
				t.Errorf("payment after refund: %s, cancelled %v", p.Status, p.CancelAmount)
			}
		})
	}
}

// IMP.certification in the overlay: the callback's imp_uid is a verified
// identity for GET /certifications/{imp_uid}.
func TestBrowserCertification(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	e := newEnv(t)
	e.do(chromedp.Navigate(e.shopTS.URL), chromedp.WaitReady(chromedp.CSS("#pay")))
	e.eval(`IMP.certification({merchant_uid: "cert-1", name: "이인증", phone: "01099998888"},
		function (rsp) { window.certResult = rsp; }); true`)
	e.press("approve", e.windowFrame())
	type certResponse struct {
		Success bool   `json:"success"`
		ImpUID  string `json:"imp_uid"`
	}
	rsp := get(e, chromedp.Poll[certResponse](`window.certResult`))
	if !rsp.Success || rsp.ImpUID == "" {
		t.Fatalf("certification callback %+v", rsp)
	}
	c, err := e.api.GetCertification(context.Background(), rsp.ImpUID)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Certified || deref(c.Name) != "이인증" || deref(c.Phone) != "01099998888" {
		t.Errorf("certification %+v", c)
	}
}

// Screenshots of the window and of /__fake/ show something; a blank page
// does not pass the same check (negative control).
func TestBrowserScreenshots(t *testing.T) {
	t.Parallel() // its own fake, shop and tab; at most -parallel (GOMAXPROCS) at once
	e := newEnv(t)
	e.checkout("card", false, false, "")
	e.windowFrame()
	// The window's own box, cut out of the viewport, inside its rounded
	// corners (they show the overlay, which is not the window's doing).
	box := get(e, chromedp.Evaluate[[]float64](`(function () {
		var r = document.getElementById("portone-fake-window").getBoundingClientRect();
		return [r.left, r.top, r.right, r.bottom]; })()`))
	full := e.shot()
	window := full.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(int(box[0])+12, int(box[1])+12, int(box[2])-12, int(box[3])-12))
	if !nonBlank(window) {
		t.Errorf("the payment window screenshot (%v of %v) is blank", window.Bounds(), full.Bounds())
	}
	e.do(chromedp.Navigate(e.fake.URL()+"/__fake/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if !nonBlank(e.shot()) {
		t.Error("the /__fake/ screenshot is blank")
	}
	// Negative control: an empty page served the same way fails the check.
	blank := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("<!doctype html><html><body></body></html>"))
	}))
	defer blank.Close()
	e.do(chromedp.Navigate(blank.URL), chromedp.WaitReady(chromedp.CSS("body")))
	if nonBlank(e.shot()) {
		t.Error("the non-blank check passes an empty page")
	}
}

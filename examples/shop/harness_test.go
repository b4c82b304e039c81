package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// env is one fake, one shop pointed at it, a REST client for the test's
// own checks, and a browser tab.
type env struct {
	t      *testing.T
	fake   *fake.Server
	shop   *Shop
	shopTS *httptest.Server
	api    *wrapper.Client
	tab    context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	needBrowser(t)
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, fake: srv}
	// The shop's own URL goes into notice_url and m_redirect_url, so the
	// server listens before the shop is built.
	e.shopTS = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { e.shop.ServeHTTP(w, r) }))
	api := wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()}
	e.shop, err = New(Config{API: api, SDKURL: srv.URL() + "/v1/iamport.js", UserCode: srv.UserCode(), PublicURL: e.shopTS.URL})
	if err != nil {
		t.Fatal(err)
	}
	if e.api, err = wrapper.New(api); err != nil {
		t.Fatal(err)
	}
	tab, cancelTab := chromedp.NewContext(browserCtx)
	tab, cancelTimeout := context.WithTimeout(tab, 30*time.Second)
	e.tab = tab
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		e.shopTS.Close()
		srv.Close()
	})
	return e
}

// do runs browser actions in the tab, failing the test on an error.
func (e *env) do(actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	if err := chromedp.Do(e.tab, actions...); err != nil {
		e.t.Fatal(err)
	}
}

// get runs one action that returns a value.
func get[T any](e *env, a chromedp.Action[T]) T {
	e.t.Helper()
	v, err := chromedp.Run(e.tab, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// shot captures the viewport. The tab is brought to the front first: a
// tab in the background paints no frame, and capturing one waits for a
// frame that never comes.
func (e *env) shot() image.Image {
	e.t.Helper()
	if _, err := chromedp.Call(e.tab, page.BringToFront, cdp.Empty{}); err != nil {
		e.t.Fatal(err)
	}
	raw := get(e, chromedp.CaptureScreenshot())
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		e.t.Fatalf("screenshot is not a PNG: %v", err)
	}
	return img
}

// eval runs a script in the page; it must end with a true value.
func (e *env) eval(js string) {
	e.t.Helper()
	if ok := get(e, chromedp.Evaluate[bool](js)); !ok {
		e.t.Fatalf("script did not answer true: %s", js)
	}
}

// checkout opens the shop, picks the method and presses one of the pay
// buttons; tamper (when not empty) is the amount the page sends instead.
func (e *env) checkout(method string, redirect, skipPrepare bool, tamper string) {
	e.t.Helper()
	button := "#pay"
	if redirect {
		button = "#pay-redirect"
	}
	e.do(chromedp.Navigate(e.shopTS.URL), chromedp.WaitReady(chromedp.CSS("#pay")))
	e.eval(`document.getElementById("pay-method").value = ` + jsString(method) + `;
		document.getElementById("tamper-amount").value = ` + jsString(tamper) + `;
		document.getElementById("skip-prepare").checked = ` + jsBool(skipPrepare) + `; true`)
	e.do(chromedp.Click(chromedp.CSS(button)))
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }
func jsBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// windowFrame waits for the overlay's iframe and returns it, for queries
// inside the window (chromedp.FromNode).
func (e *env) windowFrame() *chromedp.Node {
	e.t.Helper()
	// Wait for the window's document: a node taken while the iframe is
	// still on about:blank keeps that document, and nothing appears in it.
	e.do(chromedp.WaitVisible(chromedp.CSS("#portone-fake-window[data-loaded]")))
	frames := get(e, chromedp.Nodes(chromedp.CSS("#portone-fake-window[data-loaded]")))
	e.do(chromedp.WaitVisible(chromedp.CSS(`[data-action="close"]`), chromedp.FromNode(frames[0])))
	return frames[0]
}

// press clicks a window control: inside the overlay (callback mode) or on
// the page itself (redirect mode, the window has the whole tab).
func (e *env) press(action string, frame *chromedp.Node) {
	e.t.Helper()
	sel := chromedp.CSS(`[data-action="` + action + `"]`)
	if frame == nil {
		e.do(chromedp.WaitVisible(sel), chromedp.Click(sel))
		return
	}
	e.do(chromedp.Click(sel, chromedp.FromNode(frame)))
}

// result waits for the shop's result line to reach a final status and
// returns it with its text.
func (e *env) result() (status, text string) {
	e.t.Helper()
	e.do(chromedp.WaitVisible(chromedp.CSS(`#result:not([data-status=""]):not([data-status="working"])`)))
	status = get(e, chromedp.AttributeValue(chromedp.CSS("#result"), "data-status")).Value
	text = get(e, chromedp.Text(chromedp.CSS("#result")))
	return status, text
}

// order is the shop's single order of the test.
func (e *env) order() Order {
	e.t.Helper()
	e.shop.mu.Lock()
	defer e.shop.mu.Unlock()
	if len(e.shop.orders) != 1 {
		e.t.Fatalf("shop has %d orders, want 1", len(e.shop.orders))
	}
	for _, o := range e.shop.orders {
		return *o
	}
	return Order{}
}

// payment looks the order's payment up through the REST API, as the shop
// does, and holds the raw answer to the spec.
func (e *env) payment(merchantUID string) generated.Payment {
	e.t.Helper()
	p, err := e.api.GetPaymentByMerchantUIDAnyStatus(context.Background(), merchantUID, nil)
	if err != nil {
		e.t.Fatalf("payment of %s: %v", merchantUID, err)
	}
	return *p
}

// waitFor polls cond (webhooks travel in the background).
func (e *env) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// webhookSeen says whether the shop's notice_url got status for the order.
func (e *env) webhookSeen(merchantUID, status string) bool {
	e.shop.mu.Lock()
	defer e.shop.mu.Unlock()
	for _, h := range e.shop.webhooks {
		if h.MerchantUID == merchantUID && h.Status == status {
			return true
		}
	}
	return false
}

func (e *env) getRaw(path string) (int, []byte) {
	e.t.Helper()
	resp, err := http.Get(e.fake.URL() + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// nonBlank says whether an image shows something: at least 1% of its
// pixels differ from its most common colour (the background), in at least 8
// distinct colours. A blank page, or a box of one colour, fails.
func nonBlank(img image.Image) bool {
	b := img.Bounds()
	if b.Dx() < 50 || b.Dy() < 50 {
		return false
	}
	counts := map[color.RGBA]int{}
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
			total++
		}
	}
	background := 0
	for _, n := range counts {
		background = max(background, n)
	}
	return (total-background)*100 >= total && len(counts) >= 8
}

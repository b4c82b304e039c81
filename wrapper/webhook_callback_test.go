package wrapper_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// The spec's webhook callbacks generate a sender (generated.CallbackInitiator)
// for both content types the console offers; what it sends, ParseWebhook
// reads back unchanged. So the generated callback and the wrapper's parser
// agree on one WebhookNotification, JSON or form.
func TestGeneratedWebhookCallbackIsWhatParseWebhookReads(t *testing.T) {
	got := make(chan wrapper.Webhook, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hook, err := wrapper.ParseWebhook(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got <- hook
	}))
	defer srv.Close()
	sender, err := generated.NewCallbackInitiator()
	if err != nil {
		t.Fatal(err)
	}
	want := generated.WebhookNotification{ImpUID: "imp_123456789012", MerchantUID: "order-7", Status: "paid"}
	ctx := context.Background()
	send := map[string]func() (*http.Response, error){
		"json": func() (*http.Response, error) { return sender.OnetimeWebhook(ctx, srv.URL, want) },
		"form": func() (*http.Response, error) { return sender.ScheduleWebhookWithFormdataBody(ctx, srv.URL, want) },
		// Negative control: a form without imp_uid is refused by the parser.
		"form without imp_uid": func() (*http.Response, error) {
			return sender.CreateVbankWebhookWithFormdataBody(ctx, srv.URL, generated.WebhookNotification{MerchantUID: "order-7", Status: "ready"})
		},
	}
	for name, fn := range send {
		resp, err := fn()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
		if name == "form without imp_uid" {
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s: status %d, want the parser's 400", name, resp.StatusCode)
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", name, resp.StatusCode)
		}
		if h := <-got; h != want {
			t.Errorf("%s: parsed %+v, want %+v", name, h, want)
		}
	}
}

package wrapper

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
)

// Webhook is the notification PortOne posts to a payment's notice_url (or
// the merchant-wide webhook URL) when the payment's status changes: paid,
// a virtual account issued (ready) or deposited, failed, cancelled from the
// console. It carries no amount and is not signed, so never act on it
// alone: verify the payment through the API (VerifyPayment), which is
// what HandleWebhook does.
type Webhook = generated.WebhookNotification

// maxWebhookBody bounds what ParseWebhook reads: the real body is about a
// hundred bytes.
const maxWebhookBody = 64 << 10

// ParseWebhook reads a notification from an incoming request: JSON (what
// PortOne sends when the console's webhook format is application/json) or
// a form (application/x-www-form-urlencoded, the older default). imp_uid
// and merchant_uid must be present.
func ParseWebhook(r *http.Request) (Webhook, error) {
	var hook Webhook
	if r.Method != http.MethodPost {
		return hook, fmt.Errorf("portone: webhook sent with %s, want POST", r.Method)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody+1))
	if err != nil {
		return hook, fmt.Errorf("portone: reading webhook: %w", err)
	}
	if len(body) > maxWebhookBody {
		return hook, errors.New("portone: webhook body larger than 64 KiB")
	}
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case media == "application/x-www-form-urlencoded" || (media == "" && !strings.HasPrefix(strings.TrimSpace(string(body)), "{")):
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return hook, fmt.Errorf("portone: webhook form: %w", err)
		}
		hook = Webhook{ImpUID: form.Get("imp_uid"), MerchantUID: form.Get("merchant_uid"), Status: form.Get("status")}
	default:
		if err := json.Unmarshal(body, &hook); err != nil {
			return hook, fmt.Errorf("portone: webhook JSON: %w", err)
		}
	}
	if hook.ImpUID == "" || hook.MerchantUID == "" {
		return hook, errors.New("portone: webhook without imp_uid or merchant_uid")
	}
	return hook, nil
}

// HandleWebhook returns an http.Handler for the notice_url: it parses the
// notification, looks the payment up through the API and hands both to
// handle, which finds the order (by hook.MerchantUID) and acts on the
// payment as PortOne holds it, never on the webhook's own status. PortOne
// resends a notification that does not get a 2xx, so handle's error
// answers 500 (resend later) and nil answers 200; a request that is not a
// notification, or names a payment PortOne does not know, gets 400.
//
// The 500's body does not say why (it goes to PortOne): the reason, be it
// handle's error or a failed lookup (a wrong key or secret fails every
// webhook), goes to Config.Logger, so set one.
func (c *Client) HandleWebhook(handle func(r *http.Request, hook Webhook, p *generated.Payment) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hook, err := ParseWebhook(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		p, err := c.GetPaymentByImpUID(r.Context(), hook.ImpUID, nil)
		if errors.Is(err, ErrNotFound) {
			// Not a payment of this merchant: a forged or misdirected call.
			http.Error(w, "unknown imp_uid", http.StatusBadRequest)
			return
		}
		if err == nil {
			err = handle(r, hook, p)
		}
		if err != nil {
			c.log.WarnContext(r.Context(), "portone: webhook not handled", "imp_uid", hook.ImpUID, "err", err.Error())
			http.Error(w, "not handled; send again later", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Webhook is the body the fake POSTs to a payment's notice_url when its
// status changes, like the real API's 결제 웹훅: the spec's
// WebhookNotification, so the fake sends what the spec promises.
type Webhook = generated.WebhookNotification

// notifier sends webhooks in the background so that the API answer does
// not wait for the merchant's endpoint, as on the real service.
type notifier struct {
	client *http.Client
	wg     sync.WaitGroup
	// mu orders send's wg.Add before wait's wg.Wait: an Add racing a Wait
	// breaks the WaitGroup contract (and can panic). Once closed, nothing
	// more is sent.
	mu     sync.Mutex
	closed bool
	// sent is the latest deliveries, newest last, for the dashboard and
	// Server.Webhooks; bounded so a busy fake does not grow.
	sent []WebhookDelivery
	now  func() time.Time
}

// maxDeliveries bounds the delivery log.
const maxDeliveries = 200

// WebhookDelivery is one webhook the fake posted and what came back.
type WebhookDelivery struct {
	At      time.Time // the fake's clock when it was sent
	URL     string
	Webhook Webhook
	Status  int    // HTTP status of the answer; 0 when none came
	Answer  string // the start of the answer's body
	Error   string // why no answer came
}

func (n *notifier) record(d WebhookDelivery) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = append(n.sent, d)
	if len(n.sent) > maxDeliveries {
		n.sent = slices.Delete(n.sent, 0, len(n.sent)-maxDeliveries)
	}
}

// deliveries returns a copy of the log.
func (n *notifier) deliveries() []WebhookDelivery {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.sent)
}

func newNotifier(c *http.Client) *notifier {
	if c == nil {
		c = &http.Client{Timeout: 5 * time.Second}
	}
	return &notifier{client: c}
}

func (n *notifier) send(url string, hook Webhook) {
	if url == "" {
		return
	}
	body, err := json.Marshal(hook)
	if err != nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	n.wg.Add(1)
	d := WebhookDelivery{URL: url, Webhook: hook}
	if n.now != nil {
		d.At = n.now()
	}
	go func() {
		defer n.wg.Done()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			d.Error = err.Error()
			n.record(d)
			return
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := n.client.Do(req)
		if err != nil {
			// The real API does not report failed deliveries to the caller
			// either; the log shows them.
			d.Error = err.Error()
			n.record(d)
			return
		}
		answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		_ = resp.Body.Close()
		d.Status, d.Answer = resp.StatusCode, string(answer)
		n.record(d)
	}()
}

// wait stops further sends and waits for those in flight.
func (n *notifier) wait() {
	n.mu.Lock()
	n.closed = true
	n.mu.Unlock()
	n.wg.Wait()
}

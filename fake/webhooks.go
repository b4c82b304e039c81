package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
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
	go func() {
		defer n.wg.Done()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := n.client.Do(req)
		if err != nil {
			return // the real API does not report failed deliveries to the caller either
		}
		_ = resp.Body.Close()
	}()
}

// wait stops further sends and waits for those in flight.
func (n *notifier) wait() {
	n.mu.Lock()
	n.closed = true
	n.mu.Unlock()
	n.wg.Wait()
}

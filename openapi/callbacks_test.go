package openapi_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// Every operation that takes a notice_url (at the top of its body, or in
// each item of a list such as schedule's schedules[]) declares the webhook
// PortOne sends there as a callback: a POST of WebhookNotification, JSON
// and form, since the console offers both; sent without credentials.
func TestNoticeURLOperationsDeclareTheWebhook(t *testing.T) {
	doc := sharedDoc(t)
	takes, bad := webhookCallbackProblems(doc)
	if len(takes) != 8 {
		t.Errorf("%d operations take a notice_url, want 8: %v", len(takes), takes)
	}
	if len(bad) > 0 {
		t.Errorf("webhook callbacks missing or wrong:\n  %s", strings.Join(bad, "\n  "))
	}
}

// Negative control: an operation without its callback, one whose callback
// lost the form body, and one whose callback id is shared are all named.
func TestMissingWebhookCallbacksAreCaught(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	doc.Paths.Find("/vbanks").Post.Callbacks = nil
	doc.Paths.Find("/subscribe/payments/schedule").Post.Callbacks["scheduleWebhook"].Value.Value("{$request.body#/schedules/0/notice_url}").
		Post.RequestBody.Value.Content.Get("application/x-www-form-urlencoded").Schema = openapi3.NewStringSchema().NewRef()
	doc.Paths.Find("/subscribe/payments/again").Post.Callbacks["againWebhook"].Value.Value("{$request.body#/notice_url}").
		Post.OperationID = "paymentWebhook"
	_, bad := webhookCallbackProblems(doc)
	for _, want := range []string{
		"createVbank: no webhook callback",
		"schedule: scheduleWebhook: application/x-www-form-urlencoded is not WebhookNotification",
		"again: againWebhook: operationId paymentWebhook",
	} {
		if !slices.Contains(bad, want) {
			t.Errorf("%q not reported; got %v", want, bad)
		}
	}
}

func webhookCallbackProblems(doc *openapi3.T) (takes, bad []string) {
	for _, op := range operations(doc) {
		if !bodyHasNoticeURL(op) {
			continue
		}
		takes = append(takes, op.OperationID)
		if len(op.Callbacks) == 0 {
			bad = append(bad, op.OperationID+": no webhook callback")
			continue
		}
		for name, cb := range op.Callbacks {
			for _, expr := range cb.Value.Keys() {
				post := cb.Value.Value(expr).Post
				if !strings.Contains(expr, "notice_url") || post == nil || post.RequestBody == nil {
					bad = append(bad, op.OperationID+": "+name+": not a POST to the notice_url")
					continue
				}
				// Each callback operation has its own id: oapi-codegen names
				// the generated sender after it, and one id shared by eight
				// operations made it declare the same functions eight times.
				if post.OperationID != op.OperationID+"Webhook" {
					bad = append(bad, op.OperationID+": "+name+": operationId "+post.OperationID)
				}
				if post.Security == nil || len(*post.Security) != 0 {
					bad = append(bad, op.OperationID+": "+name+": PortOne sends no credentials, want security []")
				}
				if r := post.Responses.Value("200"); r == nil || r.Ref != "#/components/responses/WebhookReceived" {
					bad = append(bad, op.OperationID+": "+name+": no shared 200 answer")
				}
				for _, ct := range []string{"application/json", "application/x-www-form-urlencoded"} {
					mt := post.RequestBody.Value.Content.Get(ct)
					if mt == nil || mt.Schema.Ref != "#/components/schemas/WebhookNotification" {
						bad = append(bad, op.OperationID+": "+name+": "+ct+" is not WebhookNotification")
					}
				}
			}
		}
	}
	slices.Sort(bad)
	return takes, bad
}

// bodyHasNoticeURL tells whether the request body, in any content type,
// has a notice_url.
func bodyHasNoticeURL(op *openapi3.Operation) bool {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return false
	}
	for _, mt := range op.RequestBody.Value.Content {
		if mt.Schema != nil && hasNoticeURL(mt.Schema.Value, 0) {
			return true
		}
	}
	return false
}

// hasNoticeURL tells whether s, or the items of one of its list properties,
// has a notice_url property.
func hasNoticeURL(s *openapi3.Schema, depth int) bool {
	if s == nil || depth > 3 {
		return false
	}
	if s.Properties["notice_url"] != nil {
		return true
	}
	for _, p := range s.Properties {
		if p.Value != nil && p.Value.Items != nil && hasNoticeURL(p.Value.Items.Value, depth+1) {
			return true
		}
	}
	for _, b := range s.AllOf {
		if hasNoticeURL(b.Value, depth+1) {
			return true
		}
	}
	return false
}

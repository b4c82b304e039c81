package fake_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
)

// Every answer that passes through the harness (so every fake test, not
// only the key-parity one) is walked for the objects the recordings show
// in full: a payment (imp_uid with pay_method), a schedule (schedule_at
// with schedule_status) and a billing key (customer_uid with inserted).
// Each must carry every key of its recording: 013 (a payment of 2024-12,
// the newest shape), 031 (a schedule), 037 (PortOne's billing-key
// example). This covers the operations no recording answers (listings,
// vbanks, retries, KCP and Naver payments...).

type wireShape struct {
	name     string
	file     string
	is       func(map[string]any) bool
	keys     []string
	fromList bool // the recording's response is an array: take its first item
}

var (
	wireShapesOnce sync.Once
	wireShapes     []wireShape
	wireShapesErr  error
)

func loadWireShapes() ([]wireShape, error) {
	wireShapesOnce.Do(func() {
		has := func(keys ...string) func(map[string]any) bool {
			return func(m map[string]any) bool {
				for _, k := range keys {
					if _, ok := m[k]; !ok {
						return false
					}
				}
				return true
			}
		}
		shapes := []wireShape{
			{name: "payment", file: "013", is: has("imp_uid", "pay_method")},
			{name: "schedule", file: "031", is: has("schedule_at", "schedule_status"), fromList: true},
			{name: "billing key", file: "037", is: has("customer_uid", "inserted")},
		}
		for i, s := range shapes {
			in, err := contracttests.Recording(s.file)
			if err != nil {
				wireShapesErr = err
				return
			}
			var env struct {
				Response json.RawMessage `json:"response"`
			}
			if err := json.Unmarshal(in.Response.Body, &env); err != nil {
				wireShapesErr = err
				return
			}
			raw := env.Response
			if s.fromList {
				var items []json.RawMessage
				if err := json.Unmarshal(raw, &items); err != nil || len(items) == 0 {
					wireShapesErr = fmt.Errorf("%s: no items", s.file)
					return
				}
				raw = items[0]
			}
			var obj map[string]any
			if err := json.Unmarshal(raw, &obj); err != nil {
				wireShapesErr = err
				return
			}
			for k := range obj {
				shapes[i].keys = append(shapes[i].keys, k)
			}
			slices.Sort(shapes[i].keys)
		}
		wireShapes = shapes
	})
	return wireShapes, wireShapesErr
}

// missingWireKeys walks an answer body and names each recorded key that a
// payment, schedule or billing key in it lacks.
func missingWireKeys(body []byte) ([]string, error) {
	shapes, err := loadWireShapes()
	if err != nil {
		return nil, err
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil, nil // not JSON: the spec check reports it
	}
	var out []string
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			for _, s := range shapes {
				if s.is(x) {
					for _, k := range s.keys {
						if _, ok := x[k]; !ok {
							out = append(out, fmt.Sprintf("%s: %s without %q", path, s.name, k))
						}
					}
				}
			}
			for k, child := range x {
				walk(child, path+"."+k)
			}
		case []any:
			for i, child := range x {
				walk(child, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(v, "$")
	slices.Sort(out)
	return out, nil
}

func TestMissingWireKeysCatchesADroppedKey(t *testing.T) {
	in, err := contracttests.Recording("013")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := missingWireKeys(in.Response.Body); err != nil || len(got) != 0 {
		t.Fatalf("the recording itself: %v %v", got, err)
	}
	var env map[string]any
	_ = json.Unmarshal(in.Response.Body, &env)
	delete(env["response"].(map[string]any), "vbank_issued_at")
	page, _ := json.Marshal(map[string]any{"response": map[string]any{"list": []any{env["response"]}}})
	got, _ := missingWireKeys(page)
	if want := []string{`$.response.list[0]: payment without "vbank_issued_at"`}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

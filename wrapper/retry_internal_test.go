package wrapper

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoffIsBoundedAndJittered(t *testing.T) {
	p := retryPolicy{base: 100 * time.Millisecond, cap: time.Second}
	for attempt, full := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, time.Second, time.Second, time.Second} {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := p.backoff(attempt)
			if d < full/2 || d > full {
				t.Fatalf("attempt %d: backoff %v outside [%v, %v]", attempt, d, full/2, full)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Fatalf("attempt %d: only %d distinct delays in 200 draws: no jitter", attempt, len(seen))
		}
	}
	if d := p.backoff(80); d > time.Second || d <= 0 {
		t.Fatalf("huge attempt number: backoff %v, want capped at 1s", d)
	}
}

func TestRetryAfter(t *testing.T) {
	p := retryPolicy{base: time.Millisecond, cap: 2 * time.Millisecond, maxAfter: 10 * time.Second}
	cases := []struct {
		header string
		min    time.Duration
		max    time.Duration
		ok     bool
	}{
		{"", 0, 2 * time.Millisecond, true},
		{"3", 3 * time.Second, 3 * time.Second, true},
		{"0", 0, 0, true},
		{"11", 11 * time.Second, 11 * time.Second, false},
		{time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat), 3 * time.Second, 5 * time.Second, true},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0, 0, true},
		{"soon", 0, 2 * time.Millisecond, true},
	}
	for _, tc := range cases {
		resp := &http.Response{Header: http.Header{}}
		if tc.header != "" {
			resp.Header.Set("Retry-After", tc.header)
		}
		d, ok := p.after(resp, 0)
		if ok != tc.ok || d < tc.min || d > tc.max {
			t.Errorf("Retry-After %q: (%v, %v), want [%v, %v], %v", tc.header, d, ok, tc.min, tc.max, tc.ok)
		}
	}
}

package fake

import (
	"sync"
	"time"
)

// clock is the fake's notion of now: a base clock (the wall clock unless
// Config.Now replaces it) plus an offset that only ever grows, moved by
// Server.Advance and POST /__fake/clock. Tokens, listings' default window,
// schedules and every timestamp the fake writes read it.
type clock struct {
	mu     sync.Mutex
	base   func() time.Time
	offset time.Duration
}

func newClock(base func() time.Time) *clock {
	if base == nil {
		base = time.Now
	}
	return &clock{base: base}
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base().Add(c.offset)
}

func (c *clock) unix() int64 { return c.now().Unix() }

func (c *clock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.offset += d
	}
	return c.base().Add(c.offset)
}

// atLeast moves the clock forward to t if it is behind (a state file's
// time, on load); it never goes back.
func (c *clock) atLeast(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d := t.Sub(c.base().Add(c.offset)); d > 0 {
		c.offset += d
	}
}

package main

import (
	"context"
	"errors"
	"io/fs"
	"log"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
)

// stateKeeper writes the fake's state to its file when requests may have
// changed it. Any request counts (a GET can run a due schedule), so an
// idle fake writes nothing; a busy one writes at most once per interval.
// The write is the whole state (a few hundred bytes a payment), which
// fake.SaveState makes atomic.
type stateKeeper struct {
	srv   *fake.Server
	path  string
	dirty atomic.Bool
}

// keepState loads path into srv when the file exists. An empty path
// keeps nothing.
func keepState(srv *fake.Server, path string) (*stateKeeper, error) {
	k := &stateKeeper{srv: srv, path: path}
	if path == "" {
		return k, nil
	}
	switch err := srv.LoadState(path); {
	case errors.Is(err, fs.ErrNotExist):
		log.Printf("portone-fake: %s does not exist yet: starting empty", path)
	case err != nil:
		return nil, err
	default:
		log.Printf("portone-fake: state loaded from %s", path)
	}
	return k, nil
}

func (k *stateKeeper) track(next http.Handler) http.Handler {
	if k.path == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		k.dirty.Store(true)
	})
}

// saveEvery saves changed state every interval until ctx ends; the
// channel closes when it has stopped.
func (k *stateKeeper) saveEvery(ctx context.Context, interval time.Duration) <-chan struct{} {
	done := make(chan struct{})
	if k.path == "" || interval <= 0 {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := k.save(); err != nil {
					log.Printf("portone-fake: save state: %v", err)
				}
			}
		}
	}()
	return done
}

// save writes the state if a request came since the last write.
func (k *stateKeeper) save() error {
	if k.path == "" || !k.dirty.Swap(false) {
		return nil
	}
	if err := k.srv.SaveState(k.path); err != nil {
		k.dirty.Store(true)
		return err
	}
	return nil
}

// Command portone-fake serves the fake PortOne V1 API on a local port, for
// integration tests in any language:
//
//	go run ./cmd/portone-fake -addr 127.0.0.1:8089
//
// Point the client at the printed URL instead of https://api.iamport.kr
// and log in with the -api-key / -api-secret values (defaults
// fake_imp_key / fake_imp_secret). Fake-only controls live under /__fake/
// (see the fake package and the README); a browser page loads the fake's
// SDK from /v1/iamport.js and the dashboard is /__fake/ (docs/browser.md).
//
// With -state FILE the fake keeps its state (payments, billing keys,
// schedules, receipts, tiers and PG settings, Benepia, PAYCO and KCP Quick
// Pay state, the token and its expiry, the clock) in FILE across restarts:
// read at start when it exists, written atomically every -save-every
// after a request and on SIGINT/SIGTERM. Without it, state lives in
// memory only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8089", "address to listen on (host:port; port 0 picks a free one)")
	key := flag.String("api-key", fake.DefaultAPIKey, "REST API key that getToken accepts")
	secret := flag.String("api-secret", fake.DefaultAPISecret, "REST API secret that getToken accepts")
	userCode := flag.String("user-code", fake.DefaultUserCode, "merchant identification code (가맹점 식별코드) that the browser SDK's IMP.init must name")
	listOps := flag.Bool("operations", false, "print which operations of the spec are emulated (Markdown) and exit")
	readme := flag.String("readme", "", "with -operations: rewrite the operations block of this file instead of printing")
	state := flag.String("state", "", "keep the fake's state in this file across restarts (empty: in memory only)")
	saveEvery := flag.Duration("save-every", 2*time.Second, "with -state: how often changed state is written")
	flag.Parse()

	if *listOps {
		if err := listOperations(*readme); err != nil {
			log.Fatal(err)
		}
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := options{addr: *addr, key: *key, secret: *secret, userCode: *userCode, state: *state, saveEvery: *saveEvery}
	err := run(ctx, opts, func(url string) {
		fmt.Printf("portone-fake listening on %s\n", url)
		fmt.Printf("browser SDK %s/v1/iamport.js (IMP.init(%q)), dashboard %s/__fake/\n", url, *userCode, url)
	})
	if err != nil {
		log.Fatal(err)
	}
}

func listOperations(readme string) error {
	if readme != "" {
		return updateREADME(readme)
	}
	table, err := fake.OperationsMarkdown()
	if err != nil {
		return err
	}
	fmt.Print(table)
	return nil
}

type options struct {
	addr, key, secret string
	userCode          string
	state             string
	saveEvery         time.Duration
}

// run serves until ctx ends, then saves the state (with -state) and
// returns; ready gets the base URL once listening.
func run(ctx context.Context, o options, ready func(url string)) error {
	srv, err := fake.New(fake.Config{APIKey: o.key, APISecret: o.secret, UserCode: o.userCode})
	if err != nil {
		return err
	}
	keeper, err := keepState(srv, o.state)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	httpSrv := srv.NewHTTPServer()
	httpSrv.Handler = keeper.track(httpSrv.Handler)
	ready("http://" + ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(fake.EnvelopeListener(ln)) }()
	saving := keeper.saveEvery(ctx, o.saveEvery)
	select {
	case err = <-errc:
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = httpSrv.Shutdown(shutdown)
		cancel()
	}
	srv.Close()
	<-saving
	if serr := keeper.save(); serr != nil {
		return serr
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

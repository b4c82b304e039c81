// Command portone-fake serves the fake PortOne V1 API on a local port, for
// integration tests in any language:
//
//	go run ./cmd/portone-fake -addr 127.0.0.1:8089
//
// Point the client at the printed URL instead of https://api.iamport.kr
// and log in with the -api-key / -api-secret values (defaults
// fake_imp_key / fake_imp_secret). Fake-only controls live under /__fake/
// (see the fake package and the README).
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
	listOps := flag.Bool("operations", false, "print which operations of the spec are emulated (Markdown) and exit")
	readme := flag.String("readme", "", "with -operations: rewrite the operations block of this file instead of printing")
	flag.Parse()

	if *listOps {
		if err := listOperations(*readme); err != nil {
			log.Fatal(err)
		}
		return
	}

	if err := run(*addr, *key, *secret); err != nil {
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

func run(addr, key, secret string) error {
	srv, err := fake.New(fake.Config{APIKey: key, APISecret: secret})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	httpSrv := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("portone-fake listening on http://%s\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = httpSrv.Shutdown(shutdown)
	srv.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

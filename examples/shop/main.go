package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/wrapper"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address the shop listens on")
	fakeAddr := flag.String("fake-addr", "127.0.0.1:8089", "address of the in-process fake (used when PORTONE_API_KEY is unset)")
	flag.Parse()
	if err := run(*addr, *fakeAddr); err != nil {
		slog.Error("shop", "err", err)
		os.Exit(1)
	}
}

func run(addr, fakeAddr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	publicURL := cmp.Or(os.Getenv("SHOP_PUBLIC_URL"), "http://"+ln.Addr().String())
	cfg := Config{
		API:       wrapper.Config{APIKey: os.Getenv("PORTONE_API_KEY"), APISecret: os.Getenv("PORTONE_API_SECRET"), BaseURL: os.Getenv("PORTONE_BASE_URL")},
		SDKURL:    cmp.Or(os.Getenv("PORTONE_SDK_URL"), "https://cdn.iamport.kr/v1/iamport.js"),
		UserCode:  os.Getenv("PORTONE_IMP_CODE"),
		PG:        os.Getenv("PORTONE_PG"),
		PublicURL: publicURL,
	}
	if cfg.API.APIKey == "" {
		// Offline: the fake serves the API, the SDK and the payment window.
		srv, err := fake.New(fake.Config{})
		if err != nil {
			return err
		}
		fln, err := net.Listen("tcp", fakeAddr)
		if err != nil {
			return fmt.Errorf("fake: %w", err)
		}
		go func() { _ = (&http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}).Serve(fln) }()
		fakeURL := "http://" + fln.Addr().String()
		cfg.API = wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: fakeURL}
		cfg.SDKURL, cfg.UserCode = fakeURL+"/v1/iamport.js", srv.UserCode()
		fmt.Printf("portone-fake on %s (dashboard %s/__fake/)\n", fakeURL, fakeURL)
	}
	s, err := New(cfg)
	if err != nil {
		return err
	}
	fmt.Printf("shop on %s: open it in a browser and pay\n", publicURL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	httpSrv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

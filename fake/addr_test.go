package fake_test

import (
	"net"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
)

// Config.Addr is where Start listens: a CI that allows only some ports
// names one.
func TestStartListensOnConfigAddr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // free again: Start takes it
	srv, err := fake.Start(fake.Config{Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if want := "http://" + addr; srv.URL() != want {
		t.Fatalf("URL %s, want %s", srv.URL(), want)
	}
	resp, err := http.Get("http://" + addr + "/payments/imp_1")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET without a token on %s: %d, want 401 from the fake", addr, resp.StatusCode)
	}
	if _, err := fake.Start(fake.Config{Addr: addr}); err == nil {
		t.Fatal("a second Start on a taken address succeeded")
	}
}

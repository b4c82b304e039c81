package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// One headless Chromium for the whole package: each test opens its own
// tab (chromedp.NewContext on browserCtx), which costs milliseconds where
// a new browser costs about a second.
var (
	browserCtx  context.Context
	browserPath string
)

// browserNames are the executables tried, in order, when PORTONE_BROWSER
// does not name one (Debian's package installs chromium).
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

func findBrowser() string {
	if p := os.Getenv("PORTONE_BROWSER"); p != "" {
		return p
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

const noBrowserBanner = `
********************************************************************
*  examples/shop: NO BROWSER FOUND (chromium). The browser tests   *
*  DID NOT RUN. Install it with: apt-get install -y chromium       *
*  (or set PORTONE_BROWSER). With CI set this is a failure.        *
********************************************************************
`

func TestMain(m *testing.M) {
	browserPath = findBrowser()
	if browserPath == "" {
		fmt.Fprint(os.Stderr, noBrowserBanner)
		if os.Getenv("CI") != "" {
			os.Exit(1)
		}
		os.Exit(m.Run()) // browser tests skip themselves, loudly
	}
	dir, err := os.MkdirTemp("", "shop-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath),
		chromedp.UserDataDir(dir), // a new empty profile
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // root in containers
		chromedp.Flag("disable-gpu", true),
		// The closed network refuses Chromium's own connections; without
		// these it waits on them.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1024, 768),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	code := 1
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		fmt.Fprintf(os.Stderr, "examples/shop: cannot start %s: %v\n", browserPath, err)
	} else {
		browserCtx = ctx
		code = m.Run()
	}
	cancelBrowser()
	cancelAlloc()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// needBrowser skips a browser test when there is no browser (never with
// CI set: TestMain has already failed the run then).
func needBrowser(t *testing.T) {
	t.Helper()
	if browserCtx == nil {
		t.Skip("NO BROWSER: this browser test did not run (install chromium)")
	}
}

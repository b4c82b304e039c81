// Command portone-demo walks through the main job of a PortOne V1
// integration with the wrapper package and prints a short report:
// token, a payment, lookups by imp_uid and merchant_uid, a partial cancel
// guarded by checksum, the amount breakdown, and a listing by status
// across pages.
//
// By default it runs offline against the fake server, in-process:
//
//	make demo            # or: go run ./cmd/portone-demo
//
// With real credentials it does the read-only part against the real API
// (no payment, no cancel):
//
//	PORTONE_API_KEY=... PORTONE_API_SECRET=... PORTONE_IMP_UID=imp_... make demo
//
// PORTONE_IMP_UID is optional (without it the demo looks up the latest
// paid payment); PORTONE_BASE_URL replaces https://api.iamport.kr.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "portone-demo:", err)
		os.Exit(1)
	}
}

// run picks the mode from the environment (getenv is os.Getenv outside
// tests).
func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	key, secret := getenv("PORTONE_API_KEY"), getenv("PORTONE_API_SECRET")
	switch {
	case key != "" && secret != "":
		return runLive(ctx, w, liveConfig{
			APIKey: key, APISecret: secret,
			ImpUID: getenv("PORTONE_IMP_UID"), BaseURL: getenv("PORTONE_BASE_URL"),
		})
	case key != "" || secret != "":
		return fmt.Errorf("set both PORTONE_API_KEY and PORTONE_API_SECRET, or neither for the offline demo")
	}
	return runOffline(ctx, w)
}

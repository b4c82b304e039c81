package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/portone-community/portone-v1-go/wrapper"
)

func main() {
	out := flag.String("out", "contract_tests/testdata/recorded", "directory of the corpus to add files to")
	base := flag.String("base", wrapper.DefaultBaseURL, "API base URL")
	withToken := flag.Bool("with-token", false, "also record the getToken answer (token redacted)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: PORTONE_API_KEY=... PORTONE_API_SECRET=... portone-record [flags] imp_uid|merchant_uid...")
		flag.PrintDefaults()
	}
	flag.Parse()
	cfg := config{
		baseURL: *base, key: os.Getenv("PORTONE_API_KEY"), secret: os.Getenv("PORTONE_API_SECRET"),
		ids: flag.Args(), outDir: *out, withToken: *withToken, now: time.Now,
	}
	if cfg.key == "" || cfg.secret == "" || len(cfg.ids) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	files, err := record(context.Background(), cfg)
	for _, f := range files {
		fmt.Println("wrote", f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "portone-record:", err)
		os.Exit(1)
	}
}

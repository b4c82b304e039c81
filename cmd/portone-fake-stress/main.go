// Command portone-fake-stress measures the peak memory (VmHWM, Linux) of a
// standalone portone-fake under hostile input: a nesting bomb in a JSON
// body, form bombs, then many concurrent oversized bodies. It prints figures; it
// asserts nothing (the figures go into notes, not tests).
//
//	go build -o /tmp/portone-fake ./cmd/portone-fake
//	go run ./cmd/portone-fake-stress -fake /tmp/portone-fake
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

func main() {
	bin := flag.String("fake", "", "path of a built portone-fake binary")
	addr := flag.String("addr", "127.0.0.1:18089", "address for the fake")
	bombBytes := flag.Int("bomb", 1<<20, "bytes of the nesting bomb")
	bodies := flag.Int("bodies", 20, "concurrent oversized bodies")
	bodyBytes := flag.Int("body-bytes", 10<<20, "bytes of each oversized body")
	flag.Parse()
	if *bin == "" {
		log.Fatal("-fake is required")
	}
	cmd := exec.Command(*bin, "-addr", *addr)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		log.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || !strings.Contains(line, "listening") {
		log.Fatalf("fake did not start: %q %v", line, err)
	}
	base := "http://" + *addr
	pid := cmd.Process.Pid
	fmt.Printf("idle:                       VmHWM %s\n", peak(pid))

	tok := token(base)
	// Deep: one nest of the whole size (encoding/json stops at depth
	// 10000). Wide: nests of depth 2500 (about 20 KB each, under that
	// limit, so the schema validator walks them) side by side.
	deep := strings.Repeat(`{"a":[`, *bombBytes/8) + strings.Repeat(`]}`, *bombBytes/8)
	nest := strings.Repeat(`{"a":[`, 2500) + strings.Repeat(`]}`, 2500)
	wide := `{"merchant_uid":"m","amount":1000,"name":[` + strings.Repeat(nest+",", *bombBytes/len(nest)-1) + nest + `]}`
	for _, bomb := range []struct{ name, body string }{{"deep", deep}, {"20 KB", nest}, {"wide", wide}} {
		for _, path := range []string{"/payments/prepare", "/subscribe/payments/schedule", "/users/getToken"} {
			status := post(base+path, tok, "application/json", []byte(bomb.body))
			fmt.Printf("nesting bomb %-5s %7d B %-30s HTTP %d, VmHWM %s\n", bomb.name, len(bomb.body), path, status, peak(pid))
		}
	}
	// Form bombs (fake/form.go): brackets, depth, pairs, values, indices,
	// and the largest form under every limit, alone and 20 at once.
	half := *bombBytes / 2
	const formType = "application/x-www-form-urlencoded"
	// A schedule as large as the form caps let through (1,999 items of
	// five fields), and the same schedule as JSON.
	items := func(n int, asJSON bool) string {
		var b strings.Builder
		if asJSON {
			b.WriteString(`{"customer_uid":"c","schedules":[`)
		} else {
			b.WriteString("customer_uid=c")
		}
		for i := range n {
			if asJSON {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"merchant_uid":"m%d","schedule_at":4102444800,"amount":1000,"currency":"KRW","name":"n"}`, i)
			} else {
				fmt.Fprintf(&b, "&schedules[%d][merchant_uid]=m%d&schedules[%d][schedule_at]=4102444800&schedules[%d][amount]=1000&schedules[%d][currency]=KRW&schedules[%d][name]=n", i, i, i, i, i, i)
			}
		}
		if asJSON {
			b.WriteString("]}")
		}
		return b.String()
	}
	forms := []struct{ name, body string }{
		{"brackets", strings.Repeat("a[", half/2) + strings.Repeat("]", half/2) + "=1"},
		{"depth", "a" + strings.Repeat("[b]", *bombBytes/3-1) + "=1"},
		{"pairs", strings.Repeat("a[]=1&", *bombBytes/6)},
		{"values", strings.Repeat("a[][][]=1&", *bombBytes/10)},
		{"indices", "merchant_uid=m&amount=1&" + strings.Repeat("a[99999999]=1&a[4611686018427387904]=1&a[]=1&", 3000)},
		{"under caps", items(1999, false)},
	}
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	for mp.Len() < *bombBytes-200 {
		_ = mw.WriteField("a[]", "1")
	}
	_ = mw.Close()
	forms = append(forms, struct{ name, body string }{"multipart", mp.String()})
	for _, f := range forms {
		ct := formType
		if f.name == "multipart" {
			ct = mw.FormDataContentType()
		}
		for _, path := range []string{"/payments/prepare", "/subscribe/payments/schedule"} {
			status := post(base+path, tok, ct, []byte(f.body))
			fmt.Printf("form bomb %-10s %7d B %-30s HTTP %d, VmHWM %s\n", f.name, len(f.body), path, status, peak(pid))
		}
	}
	for _, enc := range []struct {
		name, contentType string
		body              []byte
	}{{"JSON", "application/json", []byte(items(1999, true))}, {"form", formType, []byte(items(1999, false))}} {
		var wg sync.WaitGroup
		statuses := make(chan int, *bodies)
		for range *bodies {
			wg.Go(func() { statuses <- post(base+"/subscribe/payments/schedule", tok, enc.contentType, enc.body) })
		}
		wg.Wait()
		close(statuses)
		count := map[int]int{}
		for s := range statuses {
			count[s]++
		}
		fmt.Printf("%d concurrent schedules of 1999 items, %-4s %7d B: statuses %v, VmHWM %s\n", *bodies, enc.name, len(enc.body), count, peak(pid))
	}

	big := bytes.Repeat([]byte("x"), *bodyBytes)
	var wg sync.WaitGroup
	statuses := make(chan int, *bodies)
	start := time.Now()
	for range *bodies {
		wg.Go(func() { statuses <- post(base+"/payments/prepare", tok, "application/json", big) })
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	fmt.Printf("%d concurrent %d B bodies: statuses %v in %v, VmHWM %s\n", *bodies, *bodyBytes, count, time.Since(start).Round(time.Millisecond), peak(pid))
}

func token(base string) string {
	resp, err := http.Post(base+"/users/getToken", "application/json",
		strings.NewReader(`{"imp_key":"fake_imp_key","imp_secret":"fake_imp_secret"}`))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	const key = `"access_token":"`
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		log.Fatalf("no token: %s", raw)
	}
	raw = raw[i+len(key):]
	return string(raw[:bytes.IndexByte(raw, '"')])
}

// post returns the status, or 0 when the fake dropped the connection
// (after a 413 the server may close before the whole body is sent).
func post(url, tok, contentType string, body []byte) int {
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// peak is the process's peak resident set (VmHWM of /proc/PID/status).
func peak(pid int) string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "n/a"
	}
	for line := range strings.Lines(string(raw)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "n/a"
}

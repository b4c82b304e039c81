package fake_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"runtime/trace"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// The scale benchmarks of issue 10: a fake holding scaleN payments, asked
// the questions whose cost used to grow with the store. Figures go in the
// notes (make bench), never in assertions.

const scaleN = 100_000

// scaleFake is one started fake with scaleN paid card payments spread over
// the 90 days before t0 (one every 77 seconds), shared by the benchmarks
// of one process: seeding takes seconds.
type scaleFake struct {
	srv   *fake.Server
	token string
	ids   []string // imp_uid of each payment, in seed order
}

var (
	scaleOnce sync.Once
	scale     *scaleFake
)

func seededFake(b *testing.B) *scaleFake {
	b.Helper()
	scaleOnce.Do(func() {
		srv, err := fake.Start(fake.Config{Now: func() time.Time { return t0 }})
		if err != nil {
			b.Fatal(err)
		}
		sf := &scaleFake{srv: srv, ids: make([]string, 0, scaleN)}
		for i := range scaleN {
			at := t0.Unix() - int64(scaleN-i)*77
			p, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{
				MerchantUID: fmt.Sprintf("scale-%06d", i), Amount: float64(1000 + i%7),
				StartedAt: new(at - 30), PaidAt: at, Name: new("주문"),
			}, TaxFree: 100})
			if err != nil {
				b.Fatal(err)
			}
			sf.ids = append(sf.ids, p.ImpUID)
		}
		sf.token = rawToken(b, srv)
		scale = sf
	})
	if scale == nil {
		b.Fatal("seeding failed in an earlier benchmark")
	}
	return scale
}

func rawToken(tb testing.TB, srv *fake.Server) string {
	c, err := generated.NewClientWithResponses(srv.URL())
	if err != nil {
		tb.Fatal(err)
	}
	r, err := c.GetTokenWithResponse(tb.Context(), generated.GetTokenRequest{ImpKey: srv.APIKey(), ImpSecret: srv.APISecret()})
	if err != nil || r.JSON200 == nil || r.JSON200.Response == nil {
		tb.Fatalf("getToken: %v", err)
	}
	return r.JSON200.Response.AccessToken
}

// get sends one GET and fails unless it answers 200; the body is read so
// that encoding is part of the cost.
func (sf *scaleFake) get(tb testing.TB, client *http.Client, path string) {
	req, err := http.NewRequest(http.MethodGet, sf.srv.URL()+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+sf.token)
	resp, err := client.Do(req)
	if err != nil {
		tb.Error(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Errorf("GET %s: %d %.200s", path, resp.StatusCode, body)
	}
}

// BenchmarkScale measures one request at a time against scaleN payments.
func BenchmarkScale(b *testing.B) {
	sf := seededFake(b)
	last := sf.ids[len(sf.ids)/2]
	lastPage := scaleN / 20
	for _, c := range []struct{ name, path string }{
		{"ListPaidPage1", "/payments/status/paid?limit=20"},
		{"ListPaidLastPage", fmt.Sprintf("/payments/status/paid?limit=20&page=%d", lastPage)},
		{"ListAllSortedByUpdatedLastPage", fmt.Sprintf("/payments/status/all?limit=20&sorting=updated&page=%d", lastPage)},
		{"FindByMerchantUID", fmt.Sprintf("/payments/find/scale-%06d", scaleN/2)},
		{"Balance", "/payments/" + last + "/balance"},
		{"LookupByImpUID", "/payments/" + last},
	} {
		b.Run(c.name, func(b *testing.B) {
			client := &http.Client{}
			for b.Loop() {
				sf.get(b, client, c.path)
			}
		})
	}
}

// BenchmarkScaleLookupWhileListing reports the worst and median latency of
// a lookup by imp_uid while two clients list page after page, the listers
// either goroutines of this process or another process (the test binary
// run again as listerProcess), as the fake's users run it: a service that
// other programs call. On two cores both figures are mostly the Go
// runtime's (runtime/trace of the slow lookups): in-process, a lister's
// client and server goroutines that wake each other share one time slice
// (the run-next slot) and can keep a P while the lookup waits in the
// queue; in either, the background sweeper can keep a P for milliseconds
// after a GC cycle, as it yields to runnable goroutines but not to those
// the network poller has yet to ready (golang/go#56060). The max grows
// with -benchtime: more lookups meet more of those moments.
// tools/tracelookups shows what the slowest lookups of a -test.trace of
// this benchmark waited for.
func BenchmarkScaleLookupWhileListing(b *testing.B) {
	sf := seededFake(b)
	b.Run("listers=in-process", func(b *testing.B) {
		lookupWhileListing(b, sf, func() func() int64 {
			return listers(func(client *http.Client, page int) bool {
				sf.get(b, client, listerPath(page))
				return true
			})
		})
	})
	b.Run("listers=other-process", func(b *testing.B) {
		lookupWhileListing(b, sf, func() func() int64 {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), listerURLEnv+"="+sf.srv.URL(), listerTokenEnv+"="+sf.token)
			cmd.Stderr = os.Stderr
			stdin, err := cmd.StdinPipe()
			if err != nil {
				b.Fatal(err)
			}
			out, err := cmd.StdoutPipe()
			if err != nil {
				b.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			if !lines.Scan() || lines.Text() != "listing" {
				b.Fatalf("lister process: %q", lines.Text())
			}
			return func() int64 {
				_ = stdin.Close() // the listers stop at EOF and print their count
				var n int64
				if !lines.Scan() {
					b.Fatal("lister process printed no count")
				}
				if _, err := fmt.Sscan(lines.Text(), &n); err != nil {
					b.Fatalf("lister process: %q: %v", lines.Text(), err)
				}
				if err := cmd.Wait(); err != nil {
					b.Fatalf("lister process: %v", err)
				}
				return n
			}
		})
	})
}

// listerPath is the listers' request: pages of 20 of all payments, round
// and round.
func listerPath(page int) string {
	return fmt.Sprintf("/payments/status/all?limit=20&page=%d", 1+page%(scaleN/20))
}

// The test binary is a lister process when listerURLEnv is set
// (TestMain): BenchmarkScaleLookupWhileListing's listers=other-process.
const (
	listerURLEnv   = "PORTONE_FAKE_BENCH_LISTERS_URL"
	listerTokenEnv = "PORTONE_FAKE_BENCH_LISTERS_TOKEN"
)

// listers runs two clients, each calling list with page after page until
// stop, or until list reports a failure; stop returns how many calls
// succeeded.
func listers(list func(client *http.Client, page int) bool) (stop func() int64) {
	done := make(chan struct{})
	var running sync.WaitGroup
	var listed atomic.Int64
	for i := range 2 {
		running.Go(func() {
			client := &http.Client{}
			for page := 1 + i*100; ; page++ {
				select {
				case <-done:
					return
				default:
				}
				if !list(client, page) {
					return
				}
				listed.Add(1)
			}
		})
	}
	return func() int64 {
		close(done)
		running.Wait()
		return listed.Load()
	}
}

// listerProcess lists with two clients until stdin closes, then prints
// how many pages they got; a failed request ends it with status 1.
func listerProcess(url, token string) int {
	var failed atomic.Int64
	stop := listers(func(client *http.Client, page int) bool {
		req, _ := http.NewRequest(http.MethodGet, url+listerPath(page), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			failed.Add(1)
			fmt.Fprintln(os.Stderr, "lister:", err)
			return false
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			failed.Add(1)
			fmt.Fprintln(os.Stderr, "lister:", resp.Status)
			return false
		}
		return true
	})
	fmt.Println("listing")
	_, _ = io.Copy(io.Discard, os.Stdin)
	fmt.Println(stop())
	if failed.Load() > 0 {
		return 1
	}
	return 0
}

// lookupWhileListing measures lookups while the listers that start
// started run; the function it returns stops them and counts their pages.
func lookupWhileListing(b *testing.B, sf *scaleFake, start func() (stop func() int64)) {
	runtime.GC() // the heap as stored, for the heap figures below
	gc := readGCMetrics()
	stop := start()
	client := &http.Client{}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		region := trace.StartRegion(b.Context(), "lookup") // for tools/tracelookups, with -test.trace
		sf.get(b, client, "/payments/"+sf.ids[i%scaleN])
		region.End()
		lat = append(lat, time.Since(start))
		i += 7919
	}
	gc = readGCMetrics().since(gc)
	listed := stop()
	b.ReportMetric(float64(listed)/float64(len(lat)), "listings/lookup")
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	gc.report(b, len(lat)+int(listed))
}

// gcMetrics are the garbage collector's figures that do not depend on how
// loaded the machine is: what a worst-case latency is made of when the
// listers' garbage sets off mark phases over the stored payments (a
// lookup during a mark phase waits for CPU the collector takes, and helps
// it: runtime/trace of this benchmark, 2 cycles of ~230 ms in 0.9 s).
type gcMetrics struct {
	cycles, objects, scanHeap uint64
	assist, dedicated, pause  float64 // CPU seconds
	lockWait                  float64 // seconds blocked on sync.Mutex, sync.RWMutex and runtime locks
}

func readGCMetrics() gcMetrics {
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/objects:objects"}, {Name: "/gc/scan/heap:bytes"},
		{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"}, {Name: "/cpu/classes/gc/mark/dedicated:cpu-seconds"},
		{Name: "/cpu/classes/gc/pause:cpu-seconds"}, {Name: "/sync/mutex/wait/total:seconds"},
	}
	metrics.Read(s)
	return gcMetrics{cycles: s[0].Value.Uint64(), objects: s[1].Value.Uint64(), scanHeap: s[2].Value.Uint64(),
		assist: s[3].Value.Float64(), dedicated: s[4].Value.Float64(), pause: s[5].Value.Float64(), lockWait: s[6].Value.Float64()}
}

// since is the change from m0, keeping m0's heap objects and scannable
// bytes (read after a runtime.GC: the heap as stored, without garbage).
func (m gcMetrics) since(m0 gcMetrics) gcMetrics {
	m.cycles -= m0.cycles
	m.assist -= m0.assist
	m.dedicated -= m0.dedicated
	m.pause -= m0.pause
	m.lockWait -= m0.lockWait
	m.objects, m.scanHeap = m0.objects, m0.scanHeap
	return m
}

// report gives GC cycles and GC CPU (assist, dedicated workers, pauses;
// not the idle-time workers) per 1000 requests (n: lookups and listings),
// and the heap the collector marks: objects and scannable bytes.
func (m gcMetrics) report(b *testing.B, n int) {
	b.ReportMetric(float64(m.cycles)*1000/float64(n), "gc-cycles/1k-req")
	b.ReportMetric((m.assist+m.dedicated+m.pause)*1e6/float64(n), "gc-cpu-us/req")
	b.ReportMetric(m.assist*1e6/float64(n), "assist-us/req")
	b.ReportMetric(m.lockWait*1e6/float64(n), "lock-wait-us/req")
	b.ReportMetric(float64(m.objects)/scaleN, "heap-objects/payment")
	b.ReportMetric(float64(m.scanHeap)/scaleN, "scan-B/payment")
}

// BenchmarkScaleLookupClients reports requests/s of a lookup by imp_uid
// with 1, 16 and 64 clients at once.
func BenchmarkScaleLookupClients(b *testing.B) {
	sf := seededFake(b)
	for _, n := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			var next atomic.Int64
			start := time.Now()
			var wg sync.WaitGroup
			per := b.N/n + 1
			b.ResetTimer()
			for range n {
				wg.Go(func() {
					client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
					for range per {
						sf.get(b, client, "/payments/"+sf.ids[int(next.Add(7919))%scaleN])
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(per*n)/time.Since(start).Seconds(), "req/s")
		})
	}
}

// BenchmarkScaleBytesPerPayment reports the live heap one stored payment
// costs, from a fresh fake seeded with scaleN payments: bytes, objects,
// and the bytes the collector scans (what a mark phase's length follows).
func BenchmarkScaleBytesPerPayment(b *testing.B) {
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		scanBefore := readGCMetrics().scanHeap
		srv, err := fake.New(fake.Config{Now: func() time.Time { return t0 }})
		if err != nil {
			b.Fatal(err)
		}
		for i := range scaleN {
			at := t0.Unix() - int64(scaleN-i)*77
			if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{
				MerchantUID: fmt.Sprintf("mem-%06d", i), Amount: 1000, StartedAt: new(at), PaidAt: at, Name: new("주문"),
			}}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/scaleN, "heap-B/payment")
		b.ReportMetric(float64(after.HeapObjects-before.HeapObjects)/scaleN, "heap-objects/payment")
		b.ReportMetric(float64(readGCMetrics().scanHeap-scanBefore)/scaleN, "scan-B/payment")
		runtime.KeepAlive(srv)
	}
}

// BenchmarkNew measures fake.New once the process has built one fake.
func BenchmarkNew(b *testing.B) {
	if _, err := fake.New(fake.Config{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := fake.New(fake.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaleSaveState measures one SaveState of scaleN payments (what
// `portone-fake -state` writes after requests, at most every -save-every).
func BenchmarkScaleSaveState(b *testing.B) {
	sf := seededFake(b)
	path := b.TempDir() + "/state.json"
	for b.Loop() {
		if err := sf.srv.SaveState(path); err != nil {
			b.Fatal(err)
		}
	}
	if info, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(info.Size())/scaleN, "file-B/payment")
	}
}

// BenchmarkScaleLoadState measures a LoadState of scaleN payments into a
// fresh fake (what `portone-fake -state` does when it starts).
func BenchmarkScaleLoadState(b *testing.B) {
	sf := seededFake(b)
	path := b.TempDir() + "/state.json"
	if err := sf.srv.SaveState(path); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, err := fake.New(fake.Config{Now: func() time.Time { return t0 }})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.LoadState(path); err != nil {
			b.Fatal(err)
		}
	}
}

// Command tracelookups reads a runtime/trace of
// BenchmarkScaleLookupWhileListing (fake/scale_bench_test.go marks each
// lookup with a "lookup" region) and shows what the slowest lookups
// waited for: whether a GC mark phase overlapped them, how long each
// goroutine ran (or sat in a system call) during them and on which P, and,
// with -events, every state change of the lookup's goroutine.
//
//	go test -c -o /tmp/fake.test ./fake/
//	/tmp/fake.test -test.run '^$' -test.bench ScaleLookupWhileListing -test.trace /tmp/trace.out
//	cd tools/tracelookups && go run . -n 3 /tmp/trace.out
//
// It is a module of its own so that the fake's module does not require
// golang.org/x/exp.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"

	"golang.org/x/exp/trace"
)

type lookup struct {
	g          trace.GoID
	start, end trace.Time
}

type change struct {
	at     trace.Time
	g      trace.GoID
	proc   trace.ProcID
	from   trace.GoState
	to     trace.GoState
	reason string
	where  string // the first function of the stack outside the runtime
}

func main() {
	n := flag.Int("n", 3, "how many of the slowest lookups to show")
	events := flag.Bool("events", false, "also list the lookup goroutine's state changes")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: tracelookups [-n N] [-events] trace.out")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := trace.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	var lookups []lookup
	var changes []change
	var marks [][2]trace.Time
	open := map[trace.GoID]trace.Time{}
	var markStart trace.Time
	for {
		e, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		switch e.Kind() {
		case trace.EventRegionBegin:
			if e.Region().Type == "lookup" {
				open[e.Goroutine()] = e.Time()
			}
		case trace.EventRegionEnd:
			if e.Region().Type == "lookup" {
				lookups = append(lookups, lookup{e.Goroutine(), open[e.Goroutine()], e.Time()})
			}
		case trace.EventRangeBegin:
			if e.Range().Name == "GC concurrent mark phase" {
				markStart = e.Time()
			}
		case trace.EventRangeEnd:
			if e.Range().Name == "GC concurrent mark phase" {
				marks = append(marks, [2]trace.Time{markStart, e.Time()})
			}
		case trace.EventStateTransition:
			st := e.StateTransition()
			if st.Resource.Kind != trace.ResourceGoroutine {
				continue
			}
			from, to := st.Goroutine()
			changes = append(changes, change{at: e.Time(), g: st.Resource.Goroutine(), proc: e.Proc(),
				from: from, to: to, reason: st.Reason, where: outsideRuntime(e.Stack())})
		}
	}
	slices.SortFunc(lookups, func(a, b lookup) int { return cmp.Compare(b.end-b.start, a.end-a.start) })
	for _, l := range lookups[:min(*n, len(lookups))] {
		show(l, changes, marks, *events)
	}
}

func outsideRuntime(s trace.Stack) string {
	for fr := range s.Frames() {
		if !strings.HasPrefix(fr.Func, "runtime.") {
			return fr.Func
		}
	}
	return ""
}

func show(l lookup, changes []change, marks [][2]trace.Time, events bool) {
	inMark := slices.ContainsFunc(marks, func(m [2]trace.Time) bool { return m[0] < l.end && m[1] > l.start })
	fmt.Printf("lookup on g%d: %.3f ms (GC mark phase overlapping: %v)\n", l.g, ms(l.end-l.start), inMark)
	// Time each goroutine spent running or in a system call (where the
	// OS may have descheduled its thread) within the lookup.
	ran := map[trace.GoID]trace.Time{}
	since := map[trace.GoID]trace.Time{}
	last := map[trace.GoID]change{}
	busy := func(s trace.GoState) bool { return s == trace.GoRunning || s == trace.GoSyscall }
	for _, c := range changes {
		if c.at > l.end {
			break
		}
		switch {
		case busy(c.to) && !busy(c.from):
			since[c.g] = max(c.at, l.start)
		case busy(c.from) && !busy(c.to):
			if s, ok := since[c.g]; ok && c.at > l.start {
				ran[c.g] += c.at - s
			}
			delete(since, c.g)
		}
		if c.at >= l.start {
			last[c.g] = c
			if events && c.g == l.g {
				fmt.Printf("  +%.3f ms %v -> %v on P%d %s %s\n", ms(c.at-l.start), c.from, c.to, c.proc, c.reason, c.where)
			}
		}
	}
	for g, s := range since {
		ran[g] += l.end - s
	}
	type run struct {
		g trace.GoID
		d trace.Time
	}
	var runs []run
	for g, d := range ran {
		runs = append(runs, run{g, d})
	}
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(b.d, a.d) })
	for _, r := range runs[:min(6, len(runs))] {
		c := last[r.g]
		fmt.Printf("  g%d ran or sat in a system call %.3f ms (last on P%d: %v %s %s)\n", r.g, ms(r.d), c.proc, c.to, c.reason, c.where)
	}
}

func ms(d trace.Time) float64 { return float64(d) / 1e6 }

package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// report prints numbered steps with a fixed-width title, so that the
// output reads as a short checklist.
type report struct {
	w    io.Writer
	step int
}

func (r *report) title(format string, args ...any) {
	fmt.Fprintf(r.w, format+"\n\n", args...)
}

func (r *report) section(name, format string, args ...any) {
	r.step++
	fmt.Fprintf(r.w, "%d. %-9s %s\n", r.step, name, fmt.Sprintf(format, args...))
}

func (r *report) more(format string, args ...any) {
	fmt.Fprintf(r.w, "   %-9s %s\n", "", fmt.Sprintf(format, args...))
}

// won formats an amount the Korean way, with thousands separators.
func won(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

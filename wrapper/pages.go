package wrapper

import (
	"context"
	"fmt"
	"iter"
)

// fetchPage returns the items of page n and the number of the next page
// (0 on the last page).
type fetchPage[T any] func(ctx context.Context, n int64) ([]T, int64, error)

// walkPages yields the items of page first, then of every following page,
// fetching each page only when the loop reaches it. It stops at the first
// error (yielded once), at a next page of 0, and on a next page that does
// not move forward, which would otherwise loop for ever.
func walkPages[T any](ctx context.Context, first int64, fetch fetchPage[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for page := first; ; {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, next, err := fetch(ctx, page)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == 0 {
				return
			}
			if next <= page {
				yield(zero, fmt.Errorf("portone: paging stopped: page %d names %d as the next page", page, next))
				return
			}
			page = next
		}
	}
}

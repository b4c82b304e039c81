package fake

import (
	"container/heap"

	"github.com/portone-community/portone-v1-go/generated"
)

// dueSchedules is a min-heap of schedules by schedule_at, so that the
// check before every request looks at the earliest one only and running
// the due ones costs O(due · log n), not a scan of every schedule.
//
// An entry is pushed whenever a schedule gets a time (registration,
// update, reschedule) and never removed in place: an entry whose
// schedule has since run, been revoked or moved (its status or
// schedule_at no longer match) is stale and dropped when it surfaces.
// When stale entries outnumber the schedules, the heap is rebuilt, so
// it never grows past twice the schedules (plus a few).
type dueSchedules []dueEntry

type dueEntry struct {
	at  int64
	seq int // registration order among equal times
	rec *scheduleRecord
}

func (d dueSchedules) Len() int { return len(d) }
func (d dueSchedules) Less(i, j int) bool {
	return d[i].at < d[j].at || (d[i].at == d[j].at && d[i].seq < d[j].seq)
}
func (d dueSchedules) Swap(i, j int) { d[i], d[j] = d[j], d[i] }
func (d *dueSchedules) Push(x any)   { *d = append(*d, x.(dueEntry)) }
func (d *dueSchedules) Pop() any {
	old := *d
	e := old[len(old)-1]
	*d = old[:len(old)-1]
	return e
}

func (e dueEntry) live() bool {
	return e.rec.s.ScheduleStatus == generated.ScheduleStatusScheduled && e.rec.s.ScheduleAt == e.at
}

// scheduleLocked queues rec, scheduled at its schedule_at, to run then.
func (st *store) scheduleLocked(rec *scheduleRecord) {
	if len(st.due) > 2*len(st.schedules)+64 {
		live := st.due[:0]
		for _, e := range st.due {
			if e.live() {
				live = append(live, e)
			}
		}
		clear(st.due[len(live):])
		st.due = live
		heap.Init(&st.due)
	}
	st.dueSeq++
	heap.Push(&st.due, dueEntry{at: rec.s.ScheduleAt, seq: st.dueSeq, rec: rec})
}

// nextDueLocked pops the earliest live schedule due at now, if any.
func (st *store) nextDueLocked(now int64) (*scheduleRecord, bool) {
	for len(st.due) > 0 {
		e := st.due[0]
		if !e.live() {
			heap.Pop(&st.due)
			continue
		}
		if e.at > now {
			return nil, false
		}
		heap.Pop(&st.due)
		return e.rec, true
	}
	return nil, false
}

// anyDue says, under the read lock, whether a schedule may be due: the
// common answer (no) costs one look at the heap's top.
func (st *store) anyDue(now int64) bool {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return len(st.due) > 0 && st.due[0].at <= now
}

// Package records keeps the fake's records with the indexes that make its
// answers cost the same with ten payments or a hundred thousand.
//
// A [Table] holds records of one kind (payments, say) by a unique id and
// keeps every index declared on it in step with every change:
//
//   - [Table.GroupBy]: the records sharing a string key (the payments of
//     one merchant_uid, of one customer_uid), in insertion order;
//   - [Table.SortBy]: the records of each partition (a status, "all")
//     ordered by an int64 key, ties broken by insertion order, with
//     counting and positional access in O(log n) (an order-statistic
//     treap), so that a page of a listing costs O(log n + limit).
//
// Records are changed only through [Table.Update], which reads every
// index's keys before and after the change and moves the record where
// they differ: an index cannot disagree with the records as long as
// nothing writes a record outside Update (store_test.go checks this
// against a full scan after random changes).
//
// [Blobs] keeps byte strings (the fake's payments, as JSON) in large
// chunks without pointers, which the garbage collector marks and sweeps
// as a hundred objects instead of a hundred thousand; a stored string is
// never written again, so a slice of it may be read after the lock.
//
// Locking is the caller's: a Table is not safe for concurrent use. The
// fake guards its tables with one sync.RWMutex, so lookups and listings
// (a few microseconds under the lock now) read side by side.
//
// To add a new kind of state: declare a Table for it with the id and the
// indexes its queries need, next to the fake's other tables, insert with
// Insert and change with Update under the fake's lock. State that is
// only ever looked up by id needs no Table: a map is enough.
package records

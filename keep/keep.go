// Package keep holds values computed from the database (a count, a small
// table, a page) for a few seconds, so that a busy page does not compute
// them on every request, and forgets them when they may have changed.
//
// A Map watches the mutations of the ent types its values are computed
// from (Watch). A mutation begins a change; the change ends when the
// mutation fails, succeeds outside a transaction, or when its transaction
// commits or rolls back. While a change is under way no value is trusted,
// and a value computed before the last committed change is never served
// again. A change made by another server on the same PostgreSQL database
// arrives through a Relay (LISTEN/NOTIFY) when there is one; without one,
// it is seen when the value is maxAge old.
package keep

import (
	"context"
	"sync"
	"time"

	"github.com/shyraq/birge/ent"
)

// Map holds values of type V by key K.
type Map[K comparable, V any] struct {
	maxAge time.Duration
	limit  int // most values held; 0: no limit
	now    func() time.Time

	mu       sync.Mutex
	underway int       // changes begun and not yet ended
	changed  time.Time // when the last change ended, committed
	values   map[K]*entry[V]
}

type entry[V any] struct {
	busy sync.Mutex // one computation at a time; the others wait for it
	v    V
	at   time.Time // when the computation began; zero: none yet
}

// New returns an empty Map whose values are kept for maxAge.
func New[K comparable, V any](maxAge time.Duration) *Map[K, V] {
	return &Map[K, V]{maxAge: maxAge, now: time.Now, values: map[K]*entry[V]{}}
}

// NewLimited returns an empty Map whose values are kept for maxAge, that
// holds at most limit values: when it is full, a value asked for anew
// takes the place of one held, chosen at random.
func NewLimited[K comparable, V any](maxAge time.Duration, limit int) *Map[K, V] {
	m := New[K, V](maxAge)
	m.limit = limit
	return m
}

// SetClock replaces the Map's clock (tests).
func (m *Map[K, V]) SetClock(now func() time.Time) { m.now = now }

// Watch installs on client the hook that notes the mutations of the ent
// types named (Person, Connection, ...) as changes of every value, and
// registers the Map with relay (nil: none) for the changes other servers
// make to those types.
func (m *Map[K, V]) Watch(client *ent.Client, relay *Relay, types ...string) {
	watched := map[string]bool{}
	for _, t := range types {
		watched[t] = true
	}
	client.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			if !watched[mu.Type()] {
				return next.Mutate(ctx, mu)
			}
			return changing(ctx, mu, next, m.begin, m.end)
		})
	})
	relay.add(m.Forget, watched)
}

// changing runs mu as a change: begin before it, end(committed) when its
// fate is known.
func changing(ctx context.Context, mu ent.Mutation, next ent.Mutator, begin func(), end func(committed bool)) (ent.Value, error) {
	begin()
	if tx := txOf(mu); tx != nil {
		var once sync.Once
		tx.OnCommit(func(c ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := c.Commit(ctx, tx)
				once.Do(func() { end(true) }) // a failed commit may have committed
				return err
			})
		})
		tx.OnRollback(func(r ent.Rollbacker) ent.Rollbacker {
			return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := r.Rollback(ctx, tx)
				once.Do(func() { end(false) })
				return err
			})
		})
		return next.Mutate(ctx, mu)
	}
	v, err := next.Mutate(ctx, mu)
	end(err == nil)
	return v, err
}

// txOf is the transaction mu runs in, or nil.
func txOf(mu ent.Mutation) *ent.Tx {
	if m, ok := mu.(interface{ Tx() (*ent.Tx, error) }); ok {
		if tx, err := m.Tx(); err == nil {
			return tx
		}
	}
	return nil
}

func (m *Map[K, V]) begin() {
	m.mu.Lock()
	m.underway++
	m.mu.Unlock()
}

func (m *Map[K, V]) end(committed bool) {
	m.mu.Lock()
	m.underway--
	if committed {
		m.changed = m.now()
	}
	m.mu.Unlock()
}

// Forget notes a change that has ended (committed elsewhere): no value
// computed before now is served again.
func (m *Map[K, V]) Forget() {
	m.mu.Lock()
	m.changed = m.now()
	m.mu.Unlock()
}

// Get returns the value kept for key, or computes it with compute (once,
// however many ask at the same time) and keeps it. A value whose
// computation began after this caller asked is returned as well, even
// while a change is under way: it is as fresh as this caller's own.
func (m *Map[K, V]) Get(ctx context.Context, key K, compute func(context.Context) (V, error)) (V, error) {
	m.mu.Lock()
	asked := m.now()
	e := m.values[key]
	if e == nil {
		if m.limit > 0 && len(m.values) >= m.limit {
			for k := range m.values { // a random one
				delete(m.values, k)
				break
			}
		}
		e = &entry[V]{}
		m.values[key] = e
	}
	m.mu.Unlock()

	e.busy.Lock()
	defer e.busy.Unlock()
	m.mu.Lock()
	now := m.now()
	// Never a value computed before the last change committed; one
	// computed since, if no change is under way and it is young, or if
	// it began after this caller asked.
	current := !e.at.IsZero() && e.at.After(m.changed)
	fresh := current && m.underway == 0 && now.Sub(e.at) < m.maxAge
	m.mu.Unlock()
	if fresh || current && !e.at.Before(asked) {
		return e.v, nil
	}
	v, err := compute(ctx)
	if err != nil {
		var zero V
		return zero, err
	}
	e.v, e.at = v, now
	return v, nil
}

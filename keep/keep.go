// Package keep holds values computed from the database (a count, a small
// table, a page) for a few seconds, so that a busy page does not compute
// them on every request, and forgets them when they may have changed.
//
// A Map watches the mutations of the ent types its values are computed
// from (Watch). A change is made when a mutation outside a transaction
// ends (unless it was refused: denied by a privacy rule or invalid), or
// when the transaction of one commits; a value whose computation began
// before the last change is never served again. Until a transaction
// commits, its changes are not in what values are computed from, so
// values computed meanwhile are as good as any. A change made by another
// server on the same PostgreSQL database arrives through a Relay
// (LISTEN/NOTIFY) when there is one; without one, it is seen when the
// value is maxAge old.
package keep

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/privacy"
)

// Map holds values of type V by key K.
type Map[K comparable, V any] struct {
	maxAge time.Duration
	limit  int // most values held; 0: no limit
	now    func() time.Time

	mu      sync.Mutex
	changed time.Time // when the last change was made
	values  map[K]*entry[V]
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
			return changing(ctx, mu, next, m.Forget)
		})
	})
	relay.add(m.Forget, watched)
}

// changing runs mu and calls changed once its change is made: when mu
// ends, outside a transaction (unless it was refused), or after its
// transaction commits (a failed commit may have committed too).
func changing(ctx context.Context, mu ent.Mutation, next ent.Mutator, changed func()) (v ent.Value, err error) {
	if tx := txOf(mu); tx != nil {
		tx.OnCommit(func(c ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				defer changed()
				return c.Commit(ctx, tx)
			})
		})
		return next.Mutate(ctx, mu)
	}
	defer func() {
		if !refused(err) { // a panic too: it may have written
			changed()
		}
	}()
	return next.Mutate(ctx, mu)
}

// refused reports whether err says a mutation was refused before it
// wrote anything: denied by a privacy rule, or invalid.
func refused(err error) bool {
	return err != nil && (errors.Is(err, privacy.Deny) || ent.IsValidationError(err))
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

// Forget notes a change made (here, or committed by another server): no
// value computed before now is served again.
func (m *Map[K, V]) Forget() {
	m.mu.Lock()
	m.changed = m.now()
	m.mu.Unlock()
}

// Get returns the value kept for key, or computes it with compute (once,
// however many ask at the same time) and keeps it. A value whose
// computation began after this caller asked is returned as well: it is
// as fresh as this caller's own.
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
	// Never a value computed before the last change; one computed
	// since, if it is young, or if it began after this caller asked.
	current := !e.at.IsZero() && e.at.After(m.changed)
	fresh := current && now.Sub(e.at) < m.maxAge
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

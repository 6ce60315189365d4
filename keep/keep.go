// Package keep holds values computed from the database (a count, a small
// table) for a few seconds, so that a busy page does not compute them on
// every request, and forgets them when they may have changed.
//
// A Map forgets everything it holds when a mutation goes through the ent
// hook it gives (installed on the types its values are computed from), and
// computes values afresh for a while after one: a change made in a
// transaction is committed within a request's time limit. A change made
// without the hook (by another process on the same database) is seen when
// the value is maxAge old.
package keep

import (
	"context"
	"sync"
	"time"

	"github.com/shyraq/birge/ent"
)

// Settle is how long after a change values are computed afresh every time.
const Settle = 15 * time.Second

// Map holds values of type V by key K.
type Map[K comparable, V any] struct {
	maxAge time.Duration
	limit  int // most values held; 0: no limit
	now    func() time.Time

	mu      sync.Mutex
	changed time.Time // the last change seen by the hook
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

// Hook is an ent hook noting every mutation, before and after it is made,
// as a change of every value.
func (m *Map[K, V]) Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			m.touch()
			defer m.touch()
			return next.Mutate(ctx, mu)
		})
	}
}

func (m *Map[K, V]) touch() {
	m.mu.Lock()
	m.changed = m.now()
	m.mu.Unlock()
}

// Get returns the value kept for key, or computes it with compute (once,
// however many ask at the same time) and keeps it.
func (m *Map[K, V]) Get(ctx context.Context, key K, compute func(context.Context) (V, error)) (V, error) {
	m.mu.Lock()
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
	fresh := !e.at.IsZero() && now.Sub(e.at) < m.maxAge && e.at.After(m.changed.Add(Settle))
	m.mu.Unlock()
	if fresh {
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

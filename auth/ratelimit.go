package auth

import (
	"slices"
	"sync"
	"time"
)

// maxKeys caps the keys a limiter tracks. Past it, the keys with the
// oldest latest event are evicted first.
const maxKeys = 10000

// limiter counts events (failed sign-ins, reset mails) per key in a
// sliding window, in memory. It keeps at most limit timestamps per key and
// at most maxKeys keys.
type limiter struct {
	limit  int
	window time.Duration

	mu        sync.Mutex
	events    map[string][]time.Time // oldest first
	lastSweep time.Time
}

func newLimiter(limit int, window time.Duration) *limiter {
	return &limiter{limit: limit, window: window, events: make(map[string][]time.Time)}
}

// take records an event for key at now, unless key has reached the limit:
// then it records nothing and reports how long until the oldest counted
// event leaves the window. An empty key is never limited.
func (l *limiter) take(key string, now time.Time) (ok bool, wait time.Duration) {
	if key == "" {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ev := l.live(key, now)
	if len(ev) >= l.limit {
		return false, ev[0].Add(l.window).Sub(now)
	}
	l.events[key] = append(ev, now)
	l.sweep(now)
	return true, 0
}

// undo takes back the event recorded for key at now.
func (l *limiter) undo(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ev := l.events[key]
	for i := len(ev) - 1; i >= 0; i-- {
		if ev[i].Equal(now) {
			ev = append(ev[:i:i], ev[i+1:]...)
			break
		}
	}
	if len(ev) == 0 {
		delete(l.events, key)
	} else {
		l.events[key] = ev
	}
}

// reset forgets key (after a successful sign-in).
func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.events, key)
}

// live returns key's events still inside the window, dropping the rest.
func (l *limiter) live(key string, now time.Time) []time.Time {
	ev := l.events[key]
	i := 0
	for i < len(ev) && !ev[i].Add(l.window).After(now) {
		i++
	}
	if i == len(ev) {
		delete(l.events, key)
		return nil
	}
	if i > 0 {
		ev = ev[i:]
		l.events[key] = ev
	}
	return ev
}

// sweep drops expired keys now and then, and evicts the stalest keys when
// there are too many.
func (l *limiter) sweep(now time.Time) {
	if len(l.events) <= maxKeys && now.Sub(l.lastSweep) < l.window {
		return
	}
	l.lastSweep = now
	for k := range l.events {
		l.live(k, now)
	}
	for len(l.events) > maxKeys {
		// Evict a tenth of the keys, those whose latest event is oldest.
		// Rare: only under a flood of distinct keys.
		n := len(l.events) - maxKeys + maxKeys/10
		l.evictOldest(n)
	}
}

func (l *limiter) evictOldest(n int) {
	type kv struct {
		key  string
		last time.Time
	}
	all := make([]kv, 0, len(l.events))
	for k, ev := range l.events {
		all = append(all, kv{k, ev[len(ev)-1]})
	}
	slices.SortFunc(all, func(a, b kv) int { return a.last.Compare(b.last) })
	for _, e := range all[:min(n, len(all))] {
		delete(l.events, e.key)
	}
}

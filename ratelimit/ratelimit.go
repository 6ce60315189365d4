// Package ratelimit keeps per-client token buckets in memory: each client
// (an IP address) may spend tokens at a sustained rate with a burst on
// top. The server limits every API request with one limiter and
// expensive operations (search, exports) with a tighter one.
//
// Limits are per process: with N server instances behind a load balancer
// a client gets at most N times the limit (docs/OPERATIONS.md).
package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"
)

// maxClients caps the buckets a limiter keeps. Past it, idle buckets are
// dropped first, then the longest unused.
const maxClients = 20000

// Limiter is a set of token buckets, one per client.
type Limiter struct {
	rate  float64 // tokens per second
	burst float64

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// RetrySeconds is a wait that Allow returned in whole seconds, rounded up
// and at least 1: the value of a Retry-After header.
func RetrySeconds(wait time.Duration) int { return max(1, int(math.Ceil(wait.Seconds()))) }

// New returns a limiter that lets each client spend perSecond tokens a
// second on average and burst tokens at once. perSecond <= 0 means no
// limit (Allow always succeeds).
func New(perSecond float64, burst int) *Limiter {
	return &Limiter{rate: perSecond, burst: float64(max(burst, 1)), buckets: make(map[string]*bucket)}
}

// Allow spends one token of client's bucket; see AllowN.
func (l *Limiter) Allow(client string, now time.Time) (bool, time.Duration) {
	return l.AllowN(client, 1, now)
}

// AllowN spends n tokens of client's bucket if it holds them. Otherwise
// it spends nothing and says how long until it will. An empty client (a
// call that did not come over HTTP) and a nil or unlimited limiter always
// allow.
func (l *Limiter) AllowN(client string, n int, now time.Time) (ok bool, retryAfter time.Duration) {
	if l == nil || l.rate <= 0 || client == "" || n <= 0 {
		return true, 0
	}
	need := float64(n)
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[client]
	if b == nil {
		l.sweep(now)
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
		b.last = now
	}
	if need > l.burst {
		// More than a full bucket can ever hold: refuse for a full refill.
		return false, time.Duration(l.burst / l.rate * float64(time.Second))
	}
	if b.tokens >= need {
		b.tokens -= need
		return true, 0
	}
	wait := (need - b.tokens) / l.rate
	return false, time.Duration(math.Ceil(wait * float64(time.Second)))
}

// sweep drops full (idle) buckets now and then, and the longest unused
// ones when there are too many clients.
func (l *Limiter) sweep(now time.Time) {
	refill := time.Duration(l.burst / l.rate * float64(time.Second))
	if len(l.buckets) < maxClients && now.Sub(l.lastSweep) < max(refill, time.Minute) {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.last) >= refill {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) < maxClients {
		return
	}
	// Still full of active clients (a flood of addresses): drop the tenth
	// that was used longest ago.
	var cutoff time.Time
	times := make([]time.Time, 0, len(l.buckets))
	for _, b := range l.buckets {
		times = append(times, b.last)
	}
	cutoff = nth(times, len(times)/10)
	for k, b := range l.buckets {
		if !b.last.After(cutoff) {
			delete(l.buckets, k)
		}
	}
}

// nth returns the k-th smallest time (quickselect; reorders ts).
func nth(ts []time.Time, k int) time.Time {
	lo, hi := 0, len(ts)-1
	for lo < hi {
		p := ts[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for ts[i].Before(p) {
				i++
			}
			for ts[j].After(p) {
				j--
			}
			if i <= j {
				ts[i], ts[j] = ts[j], ts[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return ts[k]
		}
	}
	return ts[k]
}

// Clients is the number of clients tracked (for tests and metrics).
func (l *Limiter) Clients() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

type clientKey struct{}

// NewContext returns ctx carrying the client's key (its IP address).
func NewContext(ctx context.Context, client string) context.Context {
	return context.WithValue(ctx, clientKey{}, client)
}

// ClientFromContext returns the client key in ctx, or "".
func ClientFromContext(ctx context.Context) string {
	c, _ := ctx.Value(clientKey{}).(string)
	return c
}

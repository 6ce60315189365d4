package ratelimit

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestBucket(t *testing.T) {
	l := New(2, 3) // 2 a second, bursts of 3
	now := time.Unix(1000, 0)
	for i := range 3 {
		if ok, _ := l.Allow("a", now); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow("a", now)
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("4th request: ok=%v wait=%v, want refused for 500ms", ok, wait)
	}
	if ok, _ := l.Allow("b", now); !ok {
		t.Error("another client shares the first one's bucket")
	}
	if ok, _ := l.Allow("a", now.Add(500*time.Millisecond)); !ok {
		t.Error("refused after the advertised wait")
	}
	if ok, _ := l.AllowN("a", 4, now.Add(time.Hour)); ok {
		t.Error("spent more than a full bucket")
	}
	if ok, _ := l.AllowN("a", 3, now.Add(time.Hour)); !ok {
		t.Error("refused a full bucket after an hour idle")
	}
}

func TestUnlimited(t *testing.T) {
	var nilLimiter *Limiter
	for _, l := range []*Limiter{nilLimiter, New(0, 1)} {
		for range 100 {
			if ok, _ := l.Allow("a", time.Now()); !ok {
				t.Fatal("an unlimited limiter refused")
			}
		}
	}
	l := New(1, 1)
	for range 10 {
		if ok, _ := l.Allow("", time.Now()); !ok {
			t.Fatal("a request without a client was limited")
		}
	}
}

func TestManyClientsStayBounded(t *testing.T) {
	l := New(1, 5)
	now := time.Unix(0, 0)
	for i := range maxClients + 5000 {
		now = now.Add(time.Microsecond)
		l.Allow(fmt.Sprint("client-", i), now)
	}
	if n := l.Clients(); n > maxClients {
		t.Errorf("tracking %d clients, want at most %d", n, maxClients)
	}
}

func TestContext(t *testing.T) {
	ctx := NewContext(context.Background(), "192.0.2.1")
	if got := ClientFromContext(ctx); got != "192.0.2.1" {
		t.Errorf("client = %q", got)
	}
	if got := ClientFromContext(context.Background()); got != "" {
		t.Errorf("client without one = %q", got)
	}
}

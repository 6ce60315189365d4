package keep

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shyraq/birge/ent"
)

func TestGetComputesOnceForConcurrentCallers(t *testing.T) {
	m := New[string, int](time.Minute)
	var computed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v, err := m.Get(context.Background(), "k", func(context.Context) (int, error) {
				computed.Add(1)
				<-release
				return 42, nil
			})
			if err != nil || v != 42 {
				t.Errorf("Get = %d, %v; want 42", v, err)
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := computed.Load(); n != 1 {
		t.Errorf("computed %d times, want once", n)
	}
}

func TestKeysAreKeptApart(t *testing.T) {
	m := New[string, string](time.Minute)
	for _, k := range []string{"a", "b", "a"} {
		v, _ := m.Get(context.Background(), k, func(context.Context) (string, error) { return "value of " + k, nil })
		if v != "value of "+k {
			t.Errorf("Get(%q) = %q", k, v)
		}
	}
}

func TestErrorsAreNotKept(t *testing.T) {
	m := New[string, int](time.Minute)
	_, err := m.Get(context.Background(), "k", func(context.Context) (int, error) { return 0, errors.New("database gone") })
	if err == nil {
		t.Fatal("want the computation's error")
	}
	v, err := m.Get(context.Background(), "k", func(context.Context) (int, error) { return 7, nil })
	if err != nil || v != 7 {
		t.Errorf("after an error: %d, %v; want 7 computed afresh", v, err)
	}
}

func TestChangesAndAge(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	m := New[string, int](5 * time.Second)
	m.SetClock(func() time.Time { return now })
	n := 0
	get := func() int {
		v, _ := m.Get(context.Background(), "k", func(context.Context) (int, error) { n++; return n, nil })
		return v
	}
	if get() != 1 || get() != 1 {
		t.Fatal("a value is kept")
	}
	now = now.Add(5 * time.Second)
	if got := get(); got != 2 {
		t.Errorf("after maxAge: %d, want a new value", got)
	}
	// A mutation through the hook: computed afresh at once, and every
	// time until Settle has passed.
	mut := m.Hook()(ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) { return nil, nil }))
	if _, err := mut.Mutate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != 3 {
		t.Errorf("after a change: %d, want 3", got)
	}
	now = now.Add(Settle - time.Second)
	if get() != 4 || get() != 5 {
		t.Error("values are computed afresh while a change may be committing")
	}
	now = now.Add(2 * time.Second)
	if get() != 6 || get() != 6 {
		t.Error("after Settle, values are kept again")
	}
}

func TestLimitedMapHoldsAtMostItsLimit(t *testing.T) {
	m := NewLimited[int, int](time.Minute, 3)
	computed := 0
	get := func(k int) {
		v, err := m.Get(context.Background(), k, func(context.Context) (int, error) { computed++; return k * 10, nil })
		if err != nil || v != k*10 {
			t.Fatalf("Get(%d) = %d, %v", k, v, err)
		}
	}
	for k := range 10 {
		get(k)
	}
	if n := len(m.values); n != 3 {
		t.Errorf("holds %d values, want the limit, 3", n)
	}
	// The last value asked for is held.
	computed = 0
	get(9)
	if computed != 0 {
		t.Error("the value asked for last was not held")
	}
}

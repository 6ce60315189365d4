package keep

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
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

func TestAge(t *testing.T) {
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
	now = now.Add(time.Second)
	m.Forget() // a change elsewhere
	now = now.Add(time.Millisecond)
	if got := get(); got != 3 {
		t.Errorf("after Forget: %d, want a new value", got)
	}
}

// A value is forgotten when a change of a watched type is made: a
// mutation outside a transaction that was not refused, or a transaction
// that commits; not a refused mutation, nor a transaction rolled back.
func TestChangesThroughTheClient(t *testing.T) {
	client := testdb.Open(t).Client
	ctx := viewer.SystemContext(context.Background())
	m := New[string, int](time.Hour)
	m.Watch(client, nil, "Interest")
	n := 0
	get := func() int {
		v, err := m.Get(ctx, "k", func(context.Context) (int, error) { n++; return n, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	step := func(what string, want int) {
		t.Helper()
		if got := get(); got != want {
			t.Errorf("%s: %d, want %d", what, got, want)
		}
	}
	interest := func(c *ent.Client, slug string) *ent.InterestCreate {
		return c.Interest.Create().SetSlug(slug).SetLabelKk(slug).SetLabelRu(slug).SetLabelEn(slug)
	}
	step("first", 1)
	step("kept", 1)
	interest(client, "chess").ExecX(ctx)
	step("after a watched change", 2)
	step("kept after it", 2)
	client.Activity.Create().SetSlug("music").SetLabelKk("Музыка").SetLabelRu("Музыка").SetLabelEn("Music").ExecX(ctx)
	step("after a change of a type not watched", 2)
	if err := interest(client, "sport").Exec(context.Background()); err == nil {
		t.Fatal("a visitor created an interest")
	}
	step("after a mutation refused by the privacy policy", 2)
	if err := interest(client, "chess").Exec(ctx); err == nil {
		t.Fatal("a second interest with the same slug was saved")
	}
	step("after a mutation that failed in the database (it may have written)", 3)

	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	interest(tx.Client(), "sport").ExecX(ctx)
	step("while a transaction is under way (its change is not seen yet)", 3)
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	step("after it rolled back", 3)

	tx, err = client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	interest(tx.Client(), "sport").ExecX(ctx)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	step("after it committed", 4)
	step("kept after the commit", 4)
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

// Callers who asked before a computation began share it, even when the
// value is not one to keep (here, never fresh: all ask at one instant).
func TestCallersShareAComputation(t *testing.T) {
	m := New[string, int](0)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	m.SetClock(func() time.Time { return now })
	var computed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := m.Get(context.Background(), "k", func(context.Context) (int, error) {
				computed.Add(1)
				<-release
				return 1, nil
			}); err != nil {
				t.Error(err)
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

// Two servers on one PostgreSQL database: a change committed through one
// reaches the other's Map through their Relays.
func TestRelayBetweenServers(t *testing.T) {
	server := os.Getenv(testdb.EnvURL)
	if server == "" {
		t.Skipf("needs PostgreSQL: set %s (CI always does)", testdb.EnvURL)
	}
	url := testdb.Postgres(t, server)
	ctx := viewer.SystemContext(context.Background())
	var maps []*Map[string, int]
	var clients []*ent.Client
	for range 2 {
		db, err := database.Open(url, database.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Client.Schema.Create(ctx); err != nil {
			t.Fatal(err)
		}
		relay, err := NewRelay(db.Client, db.SQL, db.PostgresDSN, slog.New(slog.NewTextHandler(t.Output(), nil)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := relay.Close(); err != nil {
				t.Error(err)
			}
			db.Close()
		})
		m := New[string, int](time.Hour)
		m.Watch(db.Client, relay, "Interest")
		maps, clients = append(maps, m), append(clients, db.Client)
	}
	n := 0
	get := func() int {
		v, _ := maps[1].Get(ctx, "k", func(context.Context) (int, error) { n++; return n, nil })
		return v
	}
	if get() != 1 || get() != 1 {
		t.Fatal("a value is kept")
	}
	clients[1].Activity.Create().SetSlug("music").SetLabelKk("Музыка").SetLabelRu("Музыка").SetLabelEn("Music").ExecX(ctx)
	clients[0].Interest.Create().SetSlug("chess").SetLabelKk("Шахмат").SetLabelRu("Шахматы").SetLabelEn("Chess").ExecX(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for get() == 1 {
		if time.Now().After(deadline) {
			t.Fatal("the other server's change did not arrive within 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

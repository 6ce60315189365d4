package testdb_test

import (
	"context"
	"os"
	"testing"

	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// Each test gets a database of its own: what one writes, another never sees.
func TestOpenIsolated(t *testing.T) {
	t.Parallel()
	ctx := viewer.SystemContext(context.Background())
	a, b := testdb.Open(t), testdb.Open(t)
	if err := a.Client.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if n := a.Client.Organization.Query().CountX(ctx); n != 1 {
		t.Errorf("first database has %d organizations, want 1", n)
	}
	if n := b.Client.Organization.Query().CountX(ctx); n != 0 {
		t.Errorf("second database has %d organizations, want 0", n)
	}
}

func TestOpenCounted(t *testing.T) {
	t.Parallel()
	db, counter := testdb.OpenCounted(t)
	if n := counter.Count(); n != 0 {
		t.Errorf("count after opening = %d, want 0 (migration is not counted)", n)
	}
	ctx := viewer.SystemContext(context.Background())
	db.Client.Organization.Query().CountX(ctx)
	if n := counter.Count(); n != 1 {
		t.Errorf("count after one query = %d, want 1", n)
	}
}

// The per-test PostgreSQL database is dropped when the test ends.
func TestOpenDropsPostgresDatabase(t *testing.T) {
	if os.Getenv(testdb.EnvURL) == "" {
		t.Skip(testdb.EnvURL + " is not set")
	}
	t.Parallel()
	var name string
	t.Run("inner", func(t *testing.T) {
		db := testdb.Open(t)
		if err := db.SQL.QueryRow("SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	admin := testdb.Open(t)
	var n int
	if err := admin.SQL.QueryRow("SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

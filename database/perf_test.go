package database

import (
	"context"
	"net/url"
	"path/filepath"
	"testing"

	"entgo.io/ent/dialect"
)

// PostgreSQL connections run without JIT compilation unless the URL asks
// for it (see postgresDSN).
func TestPostgresDSNTurnsJITOff(t *testing.T) {
	for raw, want := range map[string]string{
		"postgres://u@h:5432/db?sslmode=disable": "off",
		"postgresql://u@h/db":                    "off",
		"postgres://u@h/db?jit=on":               "on",
	} {
		_, dsn, dia, err := parse(raw)
		if err != nil || dia != dialect.Postgres {
			t.Fatalf("parse(%q): %v, %v", raw, dia, err)
		}
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Query().Get("jit"); got != want {
			t.Errorf("parse(%q): jit=%q, want %q (dsn %s)", raw, got, want, dsn)
		}
		if u.Query().Has("sslmode") != (raw == "postgres://u@h:5432/db?sslmode=disable") {
			t.Errorf("parse(%q) lost or added parameters: %s", raw, dsn)
		}
	}
}

// The counter counts and forwards the raw statements of ent's client
// (package report uses them), in and out of transactions.
func TestCounterCountsRawStatements(t *testing.T) {
	var c *Counter
	d, err := Open(filepath.Join(t.TempDir(), "c.db"), Options{Wrap: func(drv dialect.Driver) dialect.Driver {
		c = NewCounter(drv)
		return c
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	c.Reset()
	rows, err := d.Client.QueryContext(ctx, "SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if _, err := d.Client.ExecContext(ctx, "CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	tx, err := d.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := c.Count(); got != 3 {
		t.Errorf("counted %d statements, want 3", got)
	}
}

// Package testdb gives each test a fresh, migrated Birge database: SQLite in
// memory by default, or a new PostgreSQL database of its own when
// BIRGE_TEST_DATABASE_URL names a PostgreSQL server (CI always sets it).
// Databases are removed when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/internal/pgscratch"
)

// EnvURL names the environment variable holding the PostgreSQL server URL
// (postgres://user@host:port/db?sslmode=disable). The database in the URL
// is used only to create and drop the per-test databases.
const EnvURL = "BIRGE_TEST_DATABASE_URL"

// Open returns a fresh, migrated database for t, closed and removed when t
// ends.
func Open(t testing.TB) *database.DB {
	t.Helper()
	return open(t, nil)
}

// OpenCounted is Open with every SQL statement sent through the ent client
// counted, so that a test can prove a query does not grow with page size.
func OpenCounted(t testing.TB) (*database.DB, *database.Counter) {
	t.Helper()
	var c *database.Counter
	db := open(t, func(d dialect.Driver) dialect.Driver {
		c = database.NewCounter(d)
		return c
	})
	c.Reset() // migration statements are not the test's
	return db, c
}

func open(t testing.TB, wrap func(dialect.Driver) dialect.Driver) *database.DB {
	t.Helper()
	rawURL := sqliteURL(t)
	if server := os.Getenv(EnvURL); server != "" {
		rawURL = Postgres(t, server)
	}
	db, err := database.Open(rawURL, database.Options{Wrap: wrap, MaxOpenConns: 4})
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	// Registered after the database's own cleanup, so it runs first.
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("testdb: close: %v", err)
		}
	})
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return db
}

// sqliteURL names a shared in-memory SQLite database private to t. It lives
// as long as one connection to it is open; the pool keeps idle ones.
func sqliteURL(t testing.TB) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t.Name())
	return "file:" + name + "_" + randomHex() + "?mode=memory&cache=shared"
}

// Postgres creates an empty database on the PostgreSQL server at
// serverURL, drops it when t ends, and returns its URL.
func Postgres(t testing.TB, serverURL string) string {
	t.Helper()
	return pgscratch.New(t, serverURL, "birge_t_")
}

// randomHex keeps names unique across tests, reruns and parallel packages.
func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b)
}

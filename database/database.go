// Package database opens Birge's database: an embedded SQLite file by
// default (modernc.org/sqlite, pure Go), or PostgreSQL through lib/pq when
// given a postgres:// URL; and migrates its schema.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver, registered as "postgres".
	_ "modernc.org/sqlite" // SQLite driver, registered as "sqlite".

	"github.com/shyraq/birge/ent"
	_ "github.com/shyraq/birge/ent/runtime" // schema hooks and policies
)

// DB is an open database: the ent client and the pool beneath it.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
}

// Close closes the client and its pool.
func (d *DB) Close() error { return d.Client.Close() }

// Ping checks that the database answers; readiness uses it.
func (d *DB) Ping(ctx context.Context) error { return d.SQL.PingContext(ctx) }

// Options tune an opened database.
type Options struct {
	// Wrap, if set, wraps the ent driver (tests count statements with it).
	Wrap func(dialect.Driver) dialect.Driver
	// MaxOpenConns caps the pool (PostgreSQL); 0 means a default.
	MaxOpenConns int
}

// Open opens the database named by rawURL: a file path, "file:..." or
// "sqlite://path" for SQLite; "postgres://..." or "postgresql://..." for
// PostgreSQL.
func Open(rawURL string, opts Options) (*DB, error) {
	drv, dsn, dia, err := parse(rawURL)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(drv, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	switch dia {
	case dialect.SQLite:
		// One writer at a time; WAL lets readers go on meanwhile.
		db.SetMaxOpenConns(max(opts.MaxOpenConns, 4))
	default:
		n := opts.MaxOpenConns
		if n == 0 {
			n = 20
		}
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n)
		db.SetConnMaxIdleTime(5 * time.Minute)
	}
	var d dialect.Driver = entsql.OpenDB(dia, db)
	if opts.Wrap != nil {
		d = opts.Wrap(d)
	}
	return &DB{Client: ent.NewClient(ent.Driver(d)), SQL: db, Dialect: dia}, nil
}

// parse maps a database URL to a database/sql driver name, its DSN and the
// ent dialect.
func parse(raw string) (driver, dsn, dia string, err error) {
	switch {
	case raw == "":
		return "", "", "", fmt.Errorf("database URL is empty")
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			return "", "", "", fmt.Errorf("database URL is not a valid URL: %w", err)
		}
		return "postgres", raw, dialect.Postgres, nil
	case strings.HasPrefix(raw, "sqlite://"):
		return sqliteDSN(strings.TrimPrefix(raw, "sqlite://"))
	case strings.HasPrefix(raw, "file:"):
		return sqliteDSN(raw)
	case strings.Contains(raw, "://"):
		return "", "", "", fmt.Errorf("unsupported database URL scheme in %q: use a file path, sqlite:// or postgres://", redact(raw))
	default:
		return sqliteDSN(raw)
	}
}

// sqliteDSN adds the pragmas Birge relies on: foreign keys, WAL, a busy
// timeout so that concurrent writers wait instead of failing.
func sqliteDSN(p string) (string, string, string, error) {
	dsn := p
	if !strings.HasPrefix(dsn, "file:") {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", "", "", fmt.Errorf("database path: %w", err)
		}
		dsn = "file:" + abs
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	pragmas := "_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate"
	if !strings.Contains(dsn, "mode=memory") {
		pragmas += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	return "sqlite", dsn + sep + pragmas, dialect.SQLite, nil
}

// redact hides a password in a URL for messages and logs.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redact hides the password in a database URL, for logs.
func Redact(raw string) string { return redact(raw) }

// migrateMu serializes migrations within a process: ent's migration code
// shares its table definitions between clients.
var migrateMu sync.Mutex

// Migrate creates or updates the schema to match the ent schema.
func (d *DB) Migrate(ctx context.Context) error {
	migrateMu.Lock()
	defer migrateMu.Unlock()
	if err := d.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

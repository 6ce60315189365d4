// Package database opens Birge's database: an embedded SQLite file by
// default (modernc.org/sqlite, pure Go), or PostgreSQL through lib/pq when
// given a postgres:// URL; and migrates its schema.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"    // PostgreSQL driver, also registered as "postgres".
	_ "modernc.org/sqlite" // SQLite driver, registered as "sqlite".

	"github.com/shyraq/birge/database/stmtcache"
	"github.com/shyraq/birge/ent"
	_ "github.com/shyraq/birge/ent/runtime" // schema hooks and policies
)

// DB is an open database: the ent client and the pool beneath it.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
	// PostgresDSN is the connection string of a PostgreSQL database, for
	// connections of their own (listening for notifications); "" for
	// SQLite.
	PostgresDSN string

	lock *os.File // a SQLite file's shared lock (see RestoreSQLite)
}

// Close closes the client and its pool.
func (d *DB) Close() error {
	err := d.Client.Close()
	if d.lock != nil {
		d.lock.Close()
		d.lock = nil
	}
	return err
}

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
	var lock *os.File
	if file, ok := sqliteFile(dsn); ok && dia == dialect.SQLite {
		if lock, err = lockFile(file, false); err != nil {
			return nil, fmt.Errorf("open database: %s is being restored (birge restore); try again when it is done: %w", file, err)
		}
	}
	db, err := openPool(drv, dsn, dia)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
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
	out := &DB{Client: ent.NewClient(ent.Driver(d)), SQL: db, Dialect: dia, lock: lock}
	if dia == dialect.Postgres {
		out.PostgresDSN = dsn
	}
	return out, nil
}

// openPool opens the database/sql pool. PostgreSQL connections keep their
// prepared statements (package stmtcache): the server parses and plans a
// query once per connection instead of at every execution.
func openPool(drv, dsn, dia string) (*sql.DB, error) {
	if dia != dialect.Postgres {
		return sql.Open(drv, dsn)
	}
	c, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(stmtcache.New(c, stmtcache.DefaultSize)), nil
}

// parse maps a database URL to a database/sql driver name, its DSN and the
// ent dialect.
func parse(raw string) (driver, dsn, dia string, err error) {
	switch {
	case raw == "":
		return "", "", "", fmt.Errorf("database URL is empty")
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return "", "", "", fmt.Errorf("database URL is not a valid URL: %w", err)
		}
		return "postgres", postgresDSN(u), dialect.Postgres, nil
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

// postgresDSN turns PostgreSQL's JIT compilation off for Birge's
// connections, unless the URL sets jit itself. The privacy predicates
// (EXISTS subqueries) make the planner overestimate small queries, and
// compiling them costs 100-300 ms a statement where running them takes
// 1-25 ms (docs/BENCHMARKS.md).
func postgresDSN(u *url.URL) string {
	q := u.Query()
	if !q.Has("jit") {
		q.Set("jit", "off")
		u.RawQuery = q.Encode()
	}
	return u.String()
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

// Migrate brings the schema up to date. PostgreSQL applies the versioned
// migration files embedded in the binary (migrations.go); the embedded
// SQLite database is migrated automatically by ent to match the schema.
// Then, on both, the idempotent statements of extraSchema run.
func (d *DB) Migrate(ctx context.Context) error {
	return d.MigrateTo(ctx, MigrateOptions{})
}

// MigrateTo is Migrate with options: on PostgreSQL, opts.To stops at a
// version, without extraSchema (tests of upgrades use it); SQLite ignores
// it.
func (d *DB) MigrateTo(ctx context.Context, opts MigrateOptions) error {
	migrateMu.Lock()
	defer migrateMu.Unlock()
	if d.Dialect == dialect.Postgres {
		all, err := Migrations()
		if err != nil {
			return err
		}
		if err := d.migratePostgres(ctx, all, opts); err != nil {
			return err
		}
		if opts.To != "" {
			return nil
		}
	} else if err := d.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	for _, stmt := range extraSchema(d.Dialect) {
		if _, err := d.SQL.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate schema: %s: %w", stmt, err)
		}
	}
	return nil
}

// extraSchema is the part of the schema ent does not describe: indexes on
// expressions, and the functions they use. Each statement is idempotent.
//
//   - connections_pair: one connection per pair of people, whichever of
//     them asked (package connections also checks, in a transaction).
//   - The join tables' second columns: ent indexes a many-to-many table by
//     its primary key (cohort, person) only, so a person's trained cohorts,
//     or the people of an interest or activity, were whole-table scans.
//   - On PostgreSQL, GIN indexes of the words of people's search keys and
//     bios, which package search looks words up in (see Words).
func extraSchema(dia string) []string {
	joins := []string{
		`CREATE INDEX IF NOT EXISTS cohort_trainers_person ON cohort_trainers (person_id)`,
		`CREATE INDEX IF NOT EXISTS person_interests_interest ON person_interests (interest_id)`,
		`CREATE INDEX IF NOT EXISTS person_activities_activity ON person_activities (activity_id)`,
	}
	switch dia {
	case dialect.Postgres:
		return append(joins,
			`CREATE UNIQUE INDEX IF NOT EXISTS connections_pair ON connections `+
				`(LEAST(requester_id, addressee_id), GREATEST(requester_id, addressee_id))`,
			// Trigram indexes of an earlier version of search.
			`DROP INDEX IF EXISTS persons_search_key_trgm`,
			`DROP INDEX IF EXISTS profiles_search_bio_trgm`,
			createFunction(Words, `t text`, `tsvector`, `
				SELECT array_to_tsvector(array_remove(string_to_array(t, ' '), ''))`),
			createFunction(SearchWords, `t text`, `tsvector`, `
				SELECT array_to_tsvector(coalesce(array_agg(DISTINCT l), '{}'::text[]))
				FROM (
					SELECT w AS l FROM unnest(string_to_array(t, ' ')) AS w WHERE w <> ''
					UNION ALL
					SELECT '~' || left(w, i - 1) || substr(w, i + 1)
					FROM unnest(string_to_array(t, ' ')) AS w, generate_series(1, length(w)) AS i
					WHERE length(w) >= 4
				) AS s`),
			// Without fastupdate, new rows go straight into the index
			// rather than into a list that every search reads until
			// (auto)vacuum merges it: searches stay fast, writes (rare)
			// pay for it.
			`CREATE INDEX IF NOT EXISTS persons_search_words ON persons `+
				`USING gin (`+SearchWords+`(search_key)) WITH (fastupdate = off)`,
			`CREATE INDEX IF NOT EXISTS profiles_bio_words ON profiles `+
				`USING gin (`+Words+`(search_bio)) WITH (fastupdate = off)`,
		)
	case dialect.SQLite:
		return append(joins,
			`CREATE UNIQUE INDEX IF NOT EXISTS connections_pair ON connections `+
				`(min(requester_id, addressee_id), max(requester_id, addressee_id))`,
		)
	}
	return nil
}

// Words and SearchWords name the SQL functions (PostgreSQL) that turn a
// text in the form of package textkey (a bio, a person's search key) into
// a tsvector for GIN indexes. Words's lexemes are its words. SearchWords
// adds, for each word of 4 letters or more, each way of dropping one of
// its letters, marked with "~": package search finds the words one typo
// away from a word with a handful of lookups in one index. A change of what
// they compute needs new names (v2), so that the indexes are built anew.
const (
	Words       = "birge_words_v1"
	SearchWords = "birge_search_words_v1"
)

// createFunction returns the statement that creates an immutable SQL
// function unless it exists, safe when several instances start at once.
func createFunction(name, args, returns, body string) string {
	return `DO $do$ BEGIN
		PERFORM pg_advisory_xact_lock(` + fmt.Sprint(migrationLockKey+1) + `);
		IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = '` + name + `') THEN
			CREATE FUNCTION ` + name + `(` + args + `) RETURNS ` + returns + `
			LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$` + body + `
			$f$;
		END IF;
	END $do$`
}

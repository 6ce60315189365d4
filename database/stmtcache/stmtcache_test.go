package stmtcache_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/shyraq/birge/database/stmtcache"
	"github.com/shyraq/birge/internal/pgscratch"
)

// The tests without PostgreSQL run on fake, a driver that records what the
// cache asks of it.

type fake struct {
	conns []*fakeConn
	fail  []error // returned, in turn, by the next statement executions
}

func (f *fake) Connect(context.Context) (driver.Conn, error) {
	c := &fakeConn{f: f, open: map[*fakeStmt]bool{}}
	f.conns = append(f.conns, c)
	return c, nil
}

func (f *fake) Driver() driver.Driver { return nil }

type fakeConn struct {
	f        *fake
	prepared []string // texts of the statements prepared, in turn
	direct   []string // texts run on the connection itself
	open     map[*fakeStmt]bool
	closed   bool
}

func (c *fakeConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

func (c *fakeConn) PrepareContext(_ context.Context, q string) (driver.Stmt, error) {
	c.prepared = append(c.prepared, q)
	s := &fakeStmt{c: c, q: q}
	c.open[s] = true
	return s, nil
}

func (c *fakeConn) Close() error                       { c.closed = true; return nil }
func (c *fakeConn) Begin() (driver.Tx, error)          { return c, nil }
func (c *fakeConn) Commit() error                      { return nil }
func (c *fakeConn) Rollback() error                    { return nil }
func (c *fakeConn) IsValid() bool                      { return true }
func (c *fakeConn) ResetSession(context.Context) error { return nil }

func (c *fakeConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) { return c, nil }

func (c *fakeConn) QueryContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Rows, error) {
	c.direct = append(c.direct, q)
	return &fakeRows{row: q}, nil
}

func (c *fakeConn) ExecContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Result, error) {
	c.direct = append(c.direct, q)
	return driver.RowsAffected(1), nil
}

// openStmts returns the texts of the statements not closed.
func (c *fakeConn) openStmts() []string {
	var qs []string
	for s := range c.open {
		qs = append(qs, s.q)
	}
	slices.Sort(qs)
	return qs
}

type fakeStmt struct {
	c *fakeConn
	q string
}

func (s *fakeStmt) Close() error  { delete(s.c.open, s); return nil }
func (s *fakeStmt) NumInput() int { return -1 }

func (s *fakeStmt) Exec([]driver.Value) (driver.Result, error) { panic("Exec without a context") }
func (s *fakeStmt) Query([]driver.Value) (driver.Rows, error)  { panic("Query without a context") }

func (s *fakeStmt) QueryContext(context.Context, []driver.NamedValue) (driver.Rows, error) {
	if err := s.c.f.next(); err != nil {
		return nil, err
	}
	return &fakeRows{row: "prepared " + s.q}, nil
}

func (s *fakeStmt) ExecContext(context.Context, []driver.NamedValue) (driver.Result, error) {
	if err := s.c.f.next(); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

func (f *fake) next() error {
	if len(f.fail) == 0 {
		return nil
	}
	err := f.fail[0]
	f.fail = f.fail[1:]
	return err
}

// fakeRows has one row of one column.
type fakeRows struct {
	row  string
	done bool
}

func (r *fakeRows) Columns() []string { return []string{"q"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done, dest[0] = true, r.row
	return nil
}

// connect returns a wrapped connection of f, failing the test if it is not
// the kind database/sql uses.
func connect(t *testing.T, f *fake, size int) interface {
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnBeginTx
	driver.Validator
	driver.SessionResetter
} {
	t.Helper()
	c, err := stmtcache.New(f, size).Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type full interface {
		driver.QueryerContext
		driver.ExecerContext
		driver.ConnBeginTx
		driver.Validator
		driver.SessionResetter
		driver.Pinger
		driver.NamedValueChecker
	}
	fc, ok := c.(full)
	if !ok {
		t.Fatalf("wrapped connection %T lacks interfaces database/sql needs", c)
	}
	return fc
}

var oneArg = []driver.NamedValue{{Ordinal: 1, Value: int64(1)}}

func query(t *testing.T, c driver.QueryerContext, q string, args []driver.NamedValue) (string, error) {
	t.Helper()
	rows, err := c.QueryContext(context.Background(), q, args)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return dest[0].(string), nil
}

// A query with arguments is prepared once, the least recently used
// statement is closed when the cache is full, and a statement without
// arguments goes straight to the connection.
func TestCacheIsAnLRU(t *testing.T) {
	f := &fake{}
	c := connect(t, f, 2)
	for _, q := range []string{"a", "b", "a", "c", "a", "b"} {
		got, err := query(t, c, q, oneArg)
		if err != nil || got != "prepared "+q {
			t.Fatalf("query %s = %q, %v; want it run prepared", q, got, err)
		}
	}
	fc := f.conns[0]
	// b is evicted by c (a was used after b), then c by b.
	if want := []string{"a", "b", "c", "b"}; !slices.Equal(fc.prepared, want) {
		t.Errorf("prepared %q, want %q", fc.prepared, want)
	}
	if got, want := fc.openStmts(), []string{"a", "b"}; !slices.Equal(got, want) {
		t.Errorf("statements left open %q, want %q", got, want)
	}
	if _, err := c.ExecContext(context.Background(), "e", oneArg); err != nil {
		t.Fatal(err)
	}
	if got, want := fc.openStmts(), []string{"b", "e"}; !slices.Equal(got, want) {
		t.Errorf("after an exec, statements open %q, want %q", got, want)
	}

	for _, q := range []string{"CREATE TABLE t (); CREATE TABLE u ()", "a"} {
		if got, err := query(t, c, q, nil); err != nil || got != q {
			t.Fatalf("query %q without arguments = %q, %v; want it run on the connection", q, got, err)
		}
	}
	if _, err := c.ExecContext(context.Background(), "DROP TABLE t", nil); err != nil {
		t.Fatal(err)
	}
	if want := []string{"CREATE TABLE t (); CREATE TABLE u ()", "a", "DROP TABLE t"}; !slices.Equal(fc.direct, want) {
		t.Errorf("run on the connection: %q, want %q", fc.direct, want)
	}
	if len(fc.prepared) != 5 {
		t.Errorf("statements without arguments were prepared: %q", fc.prepared)
	}
}

// A statement whose plan changed result type (or that is gone) is dropped
// and, outside a transaction, prepared anew and run once more.
func TestStaleStatementRetried(t *testing.T) {
	for _, code := range []pq.ErrorCode{"0A000", "26000"} {
		f := &fake{}
		c := connect(t, f, 0)
		query(t, c, "q", oneArg)
		f.fail = []error{&pq.Error{Code: code}}
		if got, err := query(t, c, "q", oneArg); err != nil || got != "prepared q" {
			t.Fatalf("%s: query = %q, %v; want it retried", code, got, err)
		}
		fc := f.conns[0]
		if len(fc.prepared) != 2 || len(fc.open) != 1 {
			t.Errorf("%s: prepared %q, %d open; want the stale statement closed, a new one prepared", code, fc.prepared, len(fc.open))
		}

		// Once only.
		stale := &pq.Error{Code: code}
		f.fail = []error{stale, stale}
		if _, err := c.ExecContext(context.Background(), "q", oneArg); err != stale {
			t.Errorf("%s: failing twice gave %v, want the error itself", code, err)
		}
		if len(fc.prepared) != 3 || len(fc.open) != 0 {
			t.Errorf("%s: prepared %q, %d open after two failures", code, fc.prepared, len(fc.open))
		}
	}
}

// In a transaction the error has aborted the transaction: it is returned,
// and the statement dropped.
func TestStaleStatementInTransaction(t *testing.T) {
	f := &fake{}
	c := connect(t, f, 0)
	query(t, c, "q", oneArg)
	tx, err := c.BeginTx(context.Background(), driver.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stale := &pq.Error{Code: "0A000"}
	f.fail = []error{stale}
	if _, err := query(t, c, "q", oneArg); err != stale {
		t.Fatalf("query in a transaction gave %v, want %v as is", err, stale)
	}
	fc := f.conns[0]
	if len(fc.prepared) != 1 || len(fc.open) != 0 {
		t.Errorf("prepared %q, %d open; want the statement dropped, not retried", fc.prepared, len(fc.open))
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	f.fail = []error{&pq.Error{Code: "26000"}}
	if got, err := query(t, c, "q", oneArg); err != nil || got != "prepared q" {
		t.Errorf("after the transaction, query = %q, %v; want it retried", got, err)
	}
}

// Other errors, driver.ErrBadConn first, are returned as they are; and
// database/sql, given ErrBadConn, tries another connection.
func TestErrorsReturnedAsIs(t *testing.T) {
	f := &fake{}
	c := connect(t, f, 0)
	for _, want := range []error{driver.ErrBadConn, &pq.Error{Code: "23505"}, context.Canceled} {
		f.fail = []error{want}
		if _, err := query(t, c, "q", oneArg); err != want {
			t.Errorf("query gave %v, want %v as is", err, want)
		}
		f.fail = []error{want}
		if _, err := c.ExecContext(context.Background(), "q", oneArg); err != want {
			t.Errorf("exec gave %v, want %v as is", err, want)
		}
	}

	f = &fake{fail: []error{driver.ErrBadConn}}
	db := sql.OpenDB(stmtcache.New(f, 0))
	defer db.Close()
	var got string
	if err := db.QueryRow("q", 1).Scan(&got); err != nil || got != "prepared q" {
		t.Fatalf("QueryRow = %q, %v; want it retried on another connection", got, err)
	}
	if len(f.conns) != 2 || !f.conns[0].closed {
		t.Errorf("%d connections, first closed: %v; want the bad one closed and a second", len(f.conns), f.conns[0].closed)
	}
}

// Nothing is sent while rows are open (the protocol cannot interleave),
// and a connection whose cached statement was canceled is not reused, as
// lib/pq does with its own statements.
func TestRowsAndCancel(t *testing.T) {
	f := &fake{}
	c := connect(t, f, 0)
	rows, err := c.QueryContext(context.Background(), "q", oneArg)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]driver.NamedValue{oneArg, nil} {
		if _, err := c.QueryContext(context.Background(), "r", args); err == nil {
			t.Error("a query was sent while rows were open")
		}
		if _, err := c.ExecContext(context.Background(), "r", args); err == nil {
			t.Error("a statement was sent while rows were open")
		}
	}
	rows.Close()
	if _, err := query(t, c, "r", oneArg); err != nil {
		t.Errorf("after the rows are closed: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	rows, err = c.QueryContext(ctx, "q", oneArg)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsValid() {
		t.Fatal("connection invalid before any cancellation")
	}
	cancel()
	rows.Close()
	if c.IsValid() || !errors.Is(c.ResetSession(context.Background()), driver.ErrBadConn) {
		t.Error("connection still valid after its statement was canceled")
	}

	c = connect(t, f, 0)
	ctx, cancel = context.WithCancel(context.Background())
	if _, err := c.ExecContext(ctx, "q", oneArg); err != nil {
		t.Fatal(err)
	}
	cancel() // after the statement: no matter
	if !c.IsValid() {
		t.Error("connection invalid after a context was canceled once its statement was done")
	}
}

// PostgreSQL tests.

// postgres returns a pool on a new empty database whose connections cache
// size statements, and the database's URL; it skips the test without a
// server.
func postgres(t testing.TB, size int) (*sql.DB, string) {
	t.Helper()
	server := os.Getenv("BIRGE_TEST_DATABASE_URL")
	if server == "" {
		t.Skip("BIRGE_TEST_DATABASE_URL is not set: the cache is tried on PostgreSQL")
	}
	url := pgscratch.New(t, server, "birge_sc_")
	c, err := pq.NewConnector(url)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(stmtcache.New(c, size))
	t.Cleanup(func() { db.Close() })
	return db, url
}

// session returns one connection of db, so that pg_prepared_statements
// shows its statements.
func session(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

type querier interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func mustExec(t *testing.T, q querier, query string, args ...any) {
	t.Helper()
	if _, err := q.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// prepared returns the protocol-level statements of the session and how
// often each was executed.
func prepared(t *testing.T, q querier) map[string]int {
	t.Helper()
	var texts, runs []byte
	// Without arguments: the simple protocol, not cached.
	err := q.QueryRowContext(context.Background(), `SELECT
		coalesce(json_agg(statement ORDER BY statement), '[]'),
		coalesce(json_agg(generic_plans + custom_plans ORDER BY statement), '[]')
		FROM pg_prepared_statements WHERE NOT from_sql`).Scan(&texts, &runs)
	if err != nil {
		t.Fatal(err)
	}
	var ts []string
	var rs []int
	if err := json.Unmarshal(texts, &ts); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(runs, &rs); err != nil {
		t.Fatal(err)
	}
	m := make(map[string]int)
	for i, s := range ts {
		m[s] = rs[i]
	}
	return m
}

// A repeated query is prepared once on its connection, and the LRU closes
// the statements it evicts.
func TestPostgresPreparesOnce(t *testing.T) {
	db, _ := postgres(t, 2)
	conn := session(t, db)
	mustExec(t, conn, `CREATE TABLE t (id int PRIMARY KEY, name text)`)
	ins := `INSERT INTO t (id, name) VALUES ($1, $2)`
	sel := `SELECT name FROM t WHERE id = $1`
	for i := range 5 {
		mustExec(t, conn, ins, i, fmt.Sprint("n", i))
		var name string
		if err := conn.QueryRowContext(context.Background(), sel, i).Scan(&name); err != nil || name != fmt.Sprint("n", i) {
			t.Fatalf("select %d = %q, %v", i, name, err)
		}
	}
	if got, want := prepared(t, conn), map[string]int{ins: 5, sel: 5}; !maps.Equal(got, want) {
		t.Fatalf("prepared statements and executions %v, want %v", got, want)
	}

	// A third statement evicts the least recently used, the INSERT.
	cnt := `SELECT count(*) FROM t WHERE id < $1`
	var n int
	if err := conn.QueryRowContext(context.Background(), cnt, 3).Scan(&n); err != nil || n != 3 {
		t.Fatalf("count = %d, %v", n, err)
	}
	if got, want := prepared(t, conn), map[string]int{sel: 5, cnt: 1}; !maps.Equal(got, want) {
		t.Errorf("after an eviction: %v, want %v", got, want)
	}
}

// When a schema change makes a cached statement return other columns, the
// statement is prepared anew; in a transaction, the error is returned.
func TestPostgresResultTypeChange(t *testing.T) {
	db, _ := postgres(t, 0)
	conn := session(t, db)
	ctx := context.Background()
	mustExec(t, conn, `CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'a')`)
	sel := `SELECT * FROM t WHERE id = $1`
	columns := func(q interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}) ([]string, error) {
		rows, err := q.QueryContext(ctx, sel, 1)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return rows.Columns()
	}
	if cols, err := columns(conn); err != nil || len(cols) != 2 {
		t.Fatalf("columns %q, %v", cols, err)
	}
	mustExec(t, conn, `ALTER TABLE t ADD COLUMN extra int`)
	if cols, err := columns(conn); err != nil || len(cols) != 3 {
		t.Fatalf("after ALTER TABLE: columns %q, %v; want the statement prepared anew", cols, err)
	}
	if got := prepared(t, conn); len(got) != 1 || got[sel] != 1 {
		t.Errorf("prepared %v, want the new statement only, run once", got)
	}

	mustExec(t, conn, `ALTER TABLE t ALTER COLUMN extra TYPE text`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() // else a failure leaves conn's cleanup waiting
	_, err = columns(tx)
	if e, ok := err.(*pq.Error); !ok || e.Code != "0A000" {
		t.Fatalf("in a transaction: %v (%T), want the *pq.Error 0A000", err, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if cols, err := columns(conn); err != nil || len(cols) != 3 {
		t.Fatalf("after the transaction: columns %q, %v", cols, err)
	}

	// A statement gone from the session is prepared anew too.
	mustExec(t, conn, `DEALLOCATE ALL`)
	if cols, err := columns(conn); err != nil || len(cols) != 3 {
		t.Fatalf("after DEALLOCATE ALL: columns %q, %v", cols, err)
	}
	if got := prepared(t, conn); len(got) != 1 || got[sel] != 1 {
		t.Errorf("prepared %v, want the new statement only, run once", got)
	}
}

// Transactions commit and roll back; statements prepared in a transaction
// that rolls back stay prepared and usable; a failed prepare aborts the
// transaction and is returned as PostgreSQL's error.
func TestPostgresTransactions(t *testing.T) {
	db, _ := postgres(t, 0)
	conn := session(t, db)
	ctx := context.Background()
	mustExec(t, conn, `CREATE TABLE t (id int PRIMARY KEY, name text)`)
	ins := `INSERT INTO t (id, name) VALUES ($1, $2)`
	sel := `SELECT count(*) FROM t WHERE id >= $1`
	count := func(q querier) int {
		t.Helper()
		var n int
		if err := q.QueryRowContext(ctx, sel, 0).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() // else a failure leaves conn's cleanup waiting
	mustExec(t, tx, ins, 1, "a")
	if n := count(tx); n != 1 {
		t.Errorf("in the transaction, %d rows, want 1", n)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(conn); n != 0 {
		t.Errorf("after rollback, %d rows, want 0", n)
	}
	if got, want := prepared(t, conn), map[string]int{ins: 1, sel: 2}; !maps.Equal(got, want) {
		t.Errorf("after rollback, prepared %v, want %v (kept and reused)", got, want)
	}

	tx, err = conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	mustExec(t, tx, ins, 1, "a")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := count(conn); n != 1 {
		t.Errorf("after commit, %d rows, want 1", n)
	}

	tx, err = conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `UPDATE t SET no_such_column = $1`, "x")
	if e, ok := err.(*pq.Error); !ok || e.Code != "42703" {
		t.Fatalf("a failing prepare gave %v (%T), want the *pq.Error 42703", err, err)
	}
	_, err = tx.ExecContext(ctx, ins, 2, "b")
	if e, ok := err.(*pq.Error); !ok || e.Code != "25P02" {
		t.Errorf("after a failing prepare: %v, want the transaction aborted (25P02)", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(conn); n != 1 {
		t.Errorf("after the aborted transaction, %d rows, want 1", n)
	}
}

// Arguments of several types round-trip, arrays included, and errors are
// lib/pq's own.
func TestPostgresArgumentsAndErrors(t *testing.T) {
	db, _ := postgres(t, 0)
	ctx := context.Background()
	when := time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC)
	var (
		i     int64
		s     string
		f     float64
		b     bool
		ts    time.Time
		bs    []byte
		null  sql.NullString
		ints  pq.Int64Array
		strs  pq.StringArray
		plain pq.Int64Array
	)
	for range 2 { // a miss, then a hit
		err := db.QueryRowContext(ctx, `SELECT $1::bigint, $2::text, $3::float8, $4::bool, $5::timestamptz,
			$6::bytea, $7::text, $8::bigint[], $9::text[], $10::bigint[]`,
			int64(42), "né", 2.5, true, when, []byte{0, 1, 255}, nil,
			pq.Array([]int64{1, 2}), pq.Array([]string{"a", "b,c"}), []int64{3, 4},
		).Scan(&i, &s, &f, &b, &ts, &bs, &null, &ints, &strs, &plain)
		if err != nil {
			t.Fatal(err)
		}
		if i != 42 || s != "né" || f != 2.5 || !b || !ts.Equal(when) || !slices.Equal(bs, []byte{0, 1, 255}) || null.Valid ||
			!slices.Equal(ints, []int64{1, 2}) || !slices.Equal(strs, []string{"a", "b,c"}) || !slices.Equal(plain, []int64{3, 4}) {
			t.Errorf("round trip gave %v %q %v %v %v %v %v %v %q %v", i, s, f, b, ts, bs, null, ints, strs, plain)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM unnest($1::int[]) AS x WHERE x = ANY($2)`,
		pq.Array([]int64{1, 2, 3}), pq.Array([]int64{2, 3})).Scan(&n); err != nil || n != 2 {
		t.Errorf("ANY(array) count = %d, %v", n, err)
	}

	mustExec(t, db, `CREATE TABLE t (id int PRIMARY KEY)`)
	mustExec(t, db, `INSERT INTO t VALUES ($1)`, 1)
	_, err := db.ExecContext(ctx, `INSERT INTO t VALUES ($1)`, 1)
	if e, ok := err.(*pq.Error); !ok || e.Code != "23505" {
		t.Errorf("duplicate key: %v (%T), want the *pq.Error 23505", err, err)
	}
	err = db.QueryRowContext(ctx, `SELECT 1/$1::int`, 0).Scan(&n)
	if e, ok := err.(*pq.Error); !ok || e.Code != "22012" {
		t.Errorf("division by zero: %v (%T), want the *pq.Error 22012", err, err)
	}
}

// A canceled statement leaves its connection out of the pool, as lib/pq
// does; the next query runs on a new session.
func TestPostgresCancel(t *testing.T) {
	db, _ := postgres(t, 0)
	db.SetMaxOpenConns(1)
	pid := func() int {
		var p int
		if err := db.QueryRow(`SELECT pg_backend_pid() + $1`, 0).Scan(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	before := pid()
	if pid() != before {
		t.Fatal("the pool changed connections without a cancellation")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := db.ExecContext(ctx, `SELECT pg_sleep($1)`, 5)
	if e, ok := err.(*pq.Error); !ok || e.Code != "57014" {
		t.Fatalf("canceled statement: %v (%T), want the *pq.Error 57014", err, err)
	}
	if pid() == before {
		t.Error("the connection of a canceled statement was reused")
	}
}

// BenchmarkQuery runs a parameterized join through the cache and through
// lib/pq's unnamed statements, one connection each.
func BenchmarkQuery(b *testing.B) {
	db, dbURL := postgres(b, 0)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `
		CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
		CREATE TABLE posts (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors, title text NOT NULL, created timestamptz NOT NULL);
		CREATE INDEX ON posts (author_id, created);
		INSERT INTO authors SELECT i, 'author ' || i FROM generate_series(1, 100) AS i;
		INSERT INTO posts SELECT i, 1 + i % 100, 'post ' || i, now() - i * interval '1 minute' FROM generate_series(1, 10000) AS i;
		ANALYZE`); err != nil {
		b.Fatal(err)
	}
	plain, err := sql.Open("postgres", dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	const q = `SELECT p.id, p.title, a.name FROM posts p JOIN authors a ON a.id = p.author_id
		WHERE p.author_id = $1 AND p.created < $2 ORDER BY p.created DESC LIMIT 10`
	for _, c := range []struct {
		name string
		db   *sql.DB
	}{{"stmtcache", db}, {"libpq", plain}} {
		b.Run(c.name, func(b *testing.B) {
			c.db.SetMaxOpenConns(1)
			now := time.Now()
			for i := 0; b.Loop(); i++ {
				rows, err := c.db.QueryContext(ctx, q, 1+i%100, now)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					var id int
					var title, name string
					if err := rows.Scan(&id, &title, &name); err != nil {
						b.Fatal(err)
					}
					n++
				}
				if err := rows.Close(); err != nil || n != 10 {
					b.Fatalf("%d rows, %v", n, err)
				}
			}
		})
	}
}

// Package stmtcache keeps prepared statements per database connection, so
// that PostgreSQL parses and plans a query once per connection rather than
// at every execution.
//
// lib/pq sends every statement with arguments as an unnamed statement:
// Parse and Describe, then Bind and Execute, analysed and planned afresh
// each time. New wraps a driver.Connector (pq.NewConnector) so that each
// connection keeps an LRU of named prepared statements keyed by query text,
// and serves QueryContext and ExecContext with arguments from it: a hit
// costs one round trip (Bind/Execute) and no parsing. Statements without
// arguments go straight to the wrapped connection (simple protocol, several
// statements allowed), as does everything else, so database/sql behaves as
// before: errors are the wrapped driver's own values (*pq.Error,
// driver.ErrBadConn), transactions and bad connections work as they did.
//
// Two things differ from lib/pq's unnamed statements and are handled here:
//
//   - A cached statement fails when the schema changed its result type
//     ("cached plan must not change result type", SQLSTATE 0A000) or when
//     it no longer exists (26000, after DEALLOCATE or DISCARD). The
//     statement is dropped and, outside a transaction, the query is
//     prepared anew and run once more. Inside a transaction the error has
//     aborted the transaction, so it is returned as is.
//   - lib/pq cancels a prepared statement without marking its connection
//     bad, while it discards a connection whose unnamed statement was
//     canceled. The wrapper keeps the latter: a connection whose context
//     was canceled during a cached statement is reported invalid, and
//     database/sql closes it rather than reuse it.
//
// Prepared statements belong to the session, not the transaction: a
// statement prepared in a transaction that is rolled back stays valid. The
// server frees all of them when the connection closes.
package stmtcache

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"reflect"

	"github.com/lib/pq"
)

// DefaultSize is the number of statements a connection keeps when New is
// given no size.
const DefaultSize = 128

// New returns a connector whose connections cache up to size prepared
// statements each (DefaultSize if size <= 0). Use it with sql.OpenDB.
func New(c driver.Connector, size int) *Connector {
	if size <= 0 {
		size = DefaultSize
	}
	return &Connector{inner: c, size: size}
}

// Connector wraps a driver.Connector; see New.
type Connector struct {
	inner driver.Connector
	size  int
}

// inner is what the wrapper needs of a connection. A connection lacking
// any of it (a driver other than lib/pq) is returned unwrapped.
type inner interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
}

// Connect opens a connection of the wrapped connector and wraps it.
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	in, ok := dc.(inner)
	if !ok {
		return dc, nil
	}
	return &conn{inner: in, size: c.size, lru: list.New(), stmts: make(map[string]*list.Element)}, nil
}

// Driver returns the wrapped connector's driver.
func (c *Connector) Driver() driver.Driver { return c.inner.Driver() }

// Close closes the wrapped connector if it has a Close method
// (database/sql calls it when the DB is closed).
func (c *Connector) Close() error {
	if cl, ok := c.inner.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// errBusy answers, as lib/pq does for its own statements, a statement sent
// while the rows of another are still being read: the protocol cannot
// interleave them, and lib/pq does not check for its prepared statements.
var errBusy = errors.New("stmtcache: there is already a query being processed on this connection")

// conn is a connection with its statements. database/sql never uses a
// connection from two goroutines at once (it holds the connection's lock
// around every call, including Rows.Next and Rows.Close), so its fields
// need no lock of their own.
type conn struct {
	inner inner
	size  int
	lru   *list.List               // of *entry, most recently used first
	stmts map[string]*list.Element // by query text

	inTx bool // between BeginTx and Commit or Rollback
	busy bool // rows are open: nothing else may be sent
	bad  bool // a context was canceled during a cached statement
}

type entry struct {
	query string
	stmt  driver.Stmt
}

// stmtCtx is what a lib/pq statement offers.
type stmtCtx interface {
	driver.StmtQueryContext
	driver.StmtExecContext
}

// QueryContext runs a query with arguments on its cached statement, and
// one without arguments on the wrapped connection.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.busy {
		return nil, errBusy
	}
	if len(args) == 0 {
		r, err := c.inner.QueryContext(ctx, query, args)
		if err != nil {
			return nil, err
		}
		c.busy = true
		return &rows{Rows: r, c: c}, nil
	}
	done := c.watch(ctx)
	var r driver.Rows
	err := c.run(ctx, query, func(s stmtCtx) (err error) {
		r, err = s.QueryContext(ctx, args)
		return err
	})
	if err != nil {
		done()
		return nil, err
	}
	c.busy = true
	return &rows{Rows: r, c: c, done: done}, nil
}

// ExecContext runs a statement with arguments on its cached statement, and
// one without arguments (migrations, several statements) on the wrapped
// connection.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.busy {
		return nil, errBusy
	}
	if len(args) == 0 {
		return c.inner.ExecContext(ctx, query, args)
	}
	done := c.watch(ctx)
	defer done()
	var res driver.Result
	err := c.run(ctx, query, func(s stmtCtx) (err error) {
		res, err = s.ExecContext(ctx, args)
		return err
	})
	return res, err
}

// run calls f with the statement of query, prepared on a miss. A statement
// made stale by a schema change (0A000) or gone (26000) is dropped; outside
// a transaction, f runs once more on a fresh one. Other errors, those of
// preparing included (which abort a transaction), are returned as is.
func (c *conn) run(ctx context.Context, query string, f func(stmtCtx) error) error {
	for retried := false; ; retried = true {
		el, err := c.get(ctx, query)
		if err != nil {
			return err
		}
		err = f(el.Value.(*entry).stmt.(stmtCtx))
		if !stale(err) {
			return err
		}
		if cerr := c.drop(el); cerr != nil {
			return cerr
		}
		if retried || c.inTx {
			return err
		}
	}
}

// stale reports whether err says that a cached statement cannot be used
// any more: its result type changed (0A000) or it is gone (26000).
func stale(err error) bool {
	return pq.As(err, "0A000", "26000") != nil
}

// get returns the element of query's entry, preparing the statement on a
// miss and closing the least recently used one if the cache is full.
func (c *conn) get(ctx context.Context, query string) (*list.Element, error) {
	if el, ok := c.stmts[query]; ok {
		c.lru.MoveToFront(el)
		return el, nil
	}
	if c.lru.Len() >= c.size {
		if err := c.drop(c.lru.Back()); err != nil {
			return nil, err
		}
	}
	st, err := c.inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if _, ok := st.(stmtCtx); !ok {
		st.Close()
		return nil, driver.ErrSkip // database/sql then prepares it itself
	}
	el := c.lru.PushFront(&entry{query: query, stmt: st})
	c.stmts[query] = el
	return el, nil
}

// drop removes a statement from the cache and closes it on the server.
func (c *conn) drop(el *list.Element) error {
	e := c.lru.Remove(el).(*entry)
	delete(c.stmts, e.query)
	return e.stmt.Close()
}

// watch notes a cancellation of ctx until the returned function is called:
// lib/pq discards a connection whose statement was canceled, and so does
// the wrapper (see IsValid).
func (c *conn) watch(ctx context.Context) func() {
	if ctx.Done() == nil {
		return func() {}
	}
	stop := context.AfterFunc(ctx, func() {})
	return func() {
		if !stop() {
			c.bad = true
		}
	}
}

// Close closes the connection. The server frees its prepared statements
// with the session, so they are dropped without a round trip each.
func (c *conn) Close() error {
	c.lru.Init()
	clear(c.stmts)
	return c.inner.Close()
}

// Prepare and PrepareContext forward: a statement prepared through
// database/sql is its own, not cached.
func (c *conn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner.PrepareContext(ctx, query)
}

// Begin is the deprecated form of BeginTx (database/sql uses BeginTx).
func (c *conn) Begin() (driver.Tx, error) {
	t, err := c.inner.Begin()
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &tx{Tx: t, c: c}, nil
}

// BeginTx begins a transaction on the wrapped connection.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	t, err := c.inner.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &tx{Tx: t, c: c}, nil
}

// Ping forwards to the wrapped connection, if it pings.
func (c *conn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// ResetSession forwards to the wrapped connection; a connection whose
// statement was canceled is bad.
func (c *conn) ResetSession(ctx context.Context) error {
	if c.bad {
		return driver.ErrBadConn
	}
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid forwards to the wrapped connection; a connection whose statement
// was canceled is not valid.
func (c *conn) IsValid() bool {
	if c.bad {
		return false
	}
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// CheckNamedValue forwards to the wrapped connection (lib/pq converts
// slices into arrays), or lets database/sql convert the value.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := c.inner.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// tx notes the end of a transaction.
type tx struct {
	driver.Tx
	c *conn
}

func (t *tx) Commit() error {
	defer func() { t.c.inTx = false }()
	return t.Tx.Commit()
}

func (t *tx) Rollback() error {
	defer func() { t.c.inTx = false }()
	return t.Tx.Rollback()
}

// rows notes when the rows of a statement are closed, so that the
// connection may send the next.
type rows struct {
	driver.Rows
	c    *conn
	done func() // of watch, for a cached statement
}

func (r *rows) Close() error {
	err := r.Rows.Close()
	r.c.busy = false
	if r.done != nil {
		r.done()
	}
	return err
}

// The optional interfaces of lib/pq's rows; the fallbacks are what
// database/sql assumes of rows without them.

func (r *rows) HasNextResultSet() bool {
	n, ok := r.Rows.(driver.RowsNextResultSet)
	return ok && n.HasNextResultSet()
}

func (r *rows) NextResultSet() error {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.NextResultSet()
	}
	return io.EOF
}

func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *rows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

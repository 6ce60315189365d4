package database

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// Counter is a driver wrapper that counts the SQL statements sent through
// it. Tests use it to prove that list queries do not grow with page size.
type Counter struct {
	dialect.Driver
	n atomic.Int64
}

// NewCounter wraps d.
func NewCounter(d dialect.Driver) *Counter { return &Counter{Driver: d} }

// Count is the number of statements sent so far.
func (c *Counter) Count() int64 { return c.n.Load() }

// Reset sets the count back to zero.
func (c *Counter) Reset() { c.n.Store(0) }

// Exec counts and forwards a statement.
func (c *Counter) Exec(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Exec(ctx, query, args, v)
}

// Query counts and forwards a query.
func (c *Counter) Query(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Query(ctx, query, args, v)
}

// Tx opens a transaction whose statements are counted too.
func (c *Counter) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := c.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, c: c}, nil
}

type countingTx struct {
	dialect.Tx
	c *Counter
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Query(ctx, query, args, v)
}

// The raw statements of ent's client (ExecContext and QueryContext, the
// sql/execquery feature; package report uses them) are counted and
// forwarded too, in and out of transactions.

type rawExecer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type rawQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ExecContext counts and forwards a raw statement.
func (c *Counter) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return countExec(&c.n, c.Driver, ctx, query, args)
}

// QueryContext counts and forwards a raw query.
func (c *Counter) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return countQuery(&c.n, c.Driver, ctx, query, args)
}

func (t *countingTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return countExec(&t.c.n, t.Tx, ctx, query, args)
}

func (t *countingTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return countQuery(&t.c.n, t.Tx, ctx, query, args)
}

func countExec(n *atomic.Int64, d any, ctx context.Context, query string, args []any) (sql.Result, error) {
	ex, ok := d.(rawExecer)
	if !ok {
		return nil, fmt.Errorf("database: %T does not support ExecContext", d)
	}
	n.Add(1)
	return ex.ExecContext(ctx, query, args...)
}

func countQuery(n *atomic.Int64, d any, ctx context.Context, query string, args []any) (*sql.Rows, error) {
	q, ok := d.(rawQuerier)
	if !ok {
		return nil, fmt.Errorf("database: %T does not support QueryContext", d)
	}
	n.Add(1)
	return q.QueryContext(ctx, query, args...)
}

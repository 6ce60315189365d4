package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/server"
)

// tracer records the statements sent through it, with their times, while
// on.
type tracer struct {
	dialect.Driver
	mu  sync.Mutex
	on  bool
	log []traced
}

type traced struct {
	query string
	args  any
	took  time.Duration
}

func (t *tracer) record(q string, args any, d time.Duration) {
	t.mu.Lock()
	if t.on {
		t.log = append(t.log, traced{q, args, d})
	}
	t.mu.Unlock()
}

func (t *tracer) Exec(ctx context.Context, query string, args, v any) error {
	t0 := time.Now()
	err := t.Driver.Exec(ctx, query, args, v)
	t.record(query, args, time.Since(t0))
	return err
}

func (t *tracer) Query(ctx context.Context, query string, args, v any) error {
	t0 := time.Now()
	err := t.Driver.Query(ctx, query, args, v)
	t.record(query, args, time.Since(t0))
	return err
}

// ExecContext and QueryContext forward ent's raw statements (package
// report uses them).
func (t *tracer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t0 := time.Now()
	res, err := t.Driver.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	}).ExecContext(ctx, query, args...)
	t.record(query, args, time.Since(t0))
	return res, err
}

func (t *tracer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	t0 := time.Now()
	rows, err := t.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}).QueryContext(ctx, query, args...)
	t.record(query, args, time.Since(t0))
	return rows, err
}

// inProcess is a Birge server in this process, on the bench database,
// whose SQL statements are counted (database.Counter) and traced.
type inProcess struct {
	srv     *server.Server
	h       http.Handler
	counter *database.Counter
	tracer  *tracer
	cookies map[string][]*http.Cookie // by email
}

func newInProcess(dbURL string, pageCache bool) (*inProcess, error) {
	ip := &inProcess{cookies: map[string][]*http.Cookie{}}
	db, err := database.Open(dbURL, database.Options{Wrap: func(d dialect.Driver) dialect.Driver {
		ip.tracer = &tracer{Driver: d}
		ip.counter = database.NewCounter(ip.tracer)
		return ip.counter
	}})
	if err != nil {
		return nil, err
	}
	cfg, err := server.ParseFlags("bench", []string{"--addr", "127.0.0.1:1", "--rate-limit", "0", "--search-limit", "0",
		"--page-cache=" + strconv.FormatBool(pageCache)})
	if err != nil {
		db.Close()
		return nil, err
	}
	cfg.DatabaseURL = dbURL
	ip.srv, err = server.New(cfg, db, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		db.Close()
		return nil, err
	}
	ip.h = ip.srv.Handler()
	return ip, nil
}

func (ip *inProcess) close() { ip.srv.Close() }

// do serves one GraphQL request as the account email ("" for a visitor)
// and returns the response body and the statements it sent.
func (ip *inProcess) do(email string, body []byte, trace bool) ([]byte, int64, []traced, error) {
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for _, c := range ip.cookies[email] {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	ip.tracer.mu.Lock()
	ip.tracer.on, ip.tracer.log = trace, nil
	ip.tracer.mu.Unlock()
	ip.counter.Reset()
	ip.h.ServeHTTP(rec, req)
	n := ip.counter.Count()
	ip.tracer.mu.Lock()
	log := ip.tracer.log
	ip.tracer.on, ip.tracer.log = false, nil
	ip.tracer.mu.Unlock()
	out := rec.Body.Bytes()
	if rec.Code != http.StatusOK || bytes.Contains(out, []byte(`"errors":[`)) {
		return out, n, log, fmt.Errorf("in-process: HTTP %d: %.400s", rec.Code, out)
	}
	if cs := rec.Result().Cookies(); len(cs) > 0 {
		ip.cookies[email] = cs
	}
	return out, n, log, nil
}

func (ip *inProcess) signIn(email, password string) error {
	_, _, _, err := ip.do(email, gqlBody(`mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { id } }`,
		map[string]any{"e": email, "p": password}), false)
	if err != nil {
		return err
	}
	if len(ip.cookies[email]) == 0 {
		return fmt.Errorf("in-process sign-in of %s: no cookie", email)
	}
	return nil
}

// traceArgs prints the arguments of traced statements too.
var traceArgs = os.Getenv("BENCH_TRACE_ARGS") != ""

// printTrace writes the statements of a request, with their times.
func printTrace(w io.Writer, name string, log []traced) {
	var total time.Duration
	for _, t := range log {
		total += t.took
	}
	fmt.Fprintf(w, "-- %s: %d statements, %v in the database\n", name, len(log), total.Round(time.Microsecond))
	for _, t := range log {
		q := strings.Join(strings.Fields(t.query), " ")
		fmt.Fprintf(w, "%8.2f ms  %s\n", float64(t.took.Microseconds())/1000, q)
		if traceArgs {
			fmt.Fprintf(w, "           args: %v\n", t.args)
		}
	}
}

// profileInProcess drives ip with directory pages or searches (c.profileOf)
// from 8 clients for c.duration under the Go CPU profiler.
func profileInProcess(ctx context.Context, ip *inProcess, c config, searches []search) error {
	body := func(int) []byte { return gqlBody(directoryQuery, map[string]any{"first": 20}) }
	switch c.profileOf {
	case "directory":
	case "search":
		body = func(i int) []byte { return gqlBody(searchQuery, searches[i%len(searches)].vars()) }
	default:
		return fmt.Errorf("-profile-of %q: want directory or search", c.profileOf)
	}
	f, err := os.Create(c.profile)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	deadline := time.Now().Add(c.duration)
	var wg sync.WaitGroup
	var n atomic.Int64
	for w := range 8 {
		wg.Go(func() {
			for i := w; time.Now().Before(deadline) && ctx.Err() == nil; i += 8 {
				if _, _, _, err := ip.do(memberEmail, body(i), false); err != nil {
					logf("profile: %v", err)
					return
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	pprof.StopCPUProfile()
	logf("profile: %d requests in %v (%.0f/s); go tool pprof %s", n.Load(), c.duration, float64(n.Load())/c.duration.Seconds(), c.profile)
	return nil
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// target is a GraphQL endpoint on the loopback interface.
type target struct {
	name   string
	url    string // http://127.0.0.1:port/graphql
	client *http.Client
}

// newTarget returns a target with a client of its own: keep-alive
// connections for every load client, a cookie jar for the session, and
// gzip asked for (as browsers do) and decoded.
func newTarget(name, rawURL string) (*target, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if host, _, _ := net.SplitHostPort(u.Host); host != "127.0.0.1" && host != "localhost" {
		return nil, fmt.Errorf("refusing to send load anywhere but loopback: %s", rawURL)
	}
	jar, _ := cookiejar.New(nil)
	return &target{name: name, url: rawURL, client: &http.Client{
		Jar:     jar,
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        256,
			MaxIdleConnsPerHost: 256,
			IdleConnTimeout:     time.Minute,
		},
	}}, nil
}

// gqlBody is the JSON body of a GraphQL request.
func gqlBody(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

// post sends one request and returns the body; a GraphQL error is an
// error.
func (t *target) post(ctx context.Context, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return out, fmt.Errorf("%s: HTTP %d: %.300s", t.name, resp.StatusCode, out)
	}
	if bytes.Contains(out, []byte(`"errors":[`)) {
		return out, fmt.Errorf("%s: %.500s", t.name, out)
	}
	return out, nil
}

// scenario is one kind of request to one target.
type scenario struct {
	name   string // "directory page", ...
	target *target
	body   func(i int) []byte // the i-th request of a client
	pid    int                // the server's process, for its CPU time; 0 for this one
	dbName string             // the database, whose backends' CPU time is counted
	// every, if set, paces each client: one request every so often (the
	// clients spread over the interval), rather than each as soon as
	// the last is answered.
	every time.Duration
}

// result is one timed run of a scenario at a concurrency.
type result struct {
	scenario, target string
	clients          int
	requests, errors int
	elapsed          time.Duration
	p50, p95, p99    time.Duration
	mean             time.Duration
	bytes            int64 // response bytes, decoded
	firstErr         error
	serverCPU        time.Duration // CPU time of the server process during the run
	postgresCPU      time.Duration // CPU time of all PostgreSQL processes during the run
}

// cpuPerRequest is the server's and PostgreSQL's CPU time per request.
func (r result) cpuPerRequest() (server, postgres time.Duration) {
	if r.requests == 0 {
		return 0, 0
	}
	return r.serverCPU / time.Duration(r.requests), r.postgresCPU / time.Duration(r.requests)
}

func (r result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// run drives s with clients concurrent clients, each sending its next
// request as soon as the previous answer is read (or, if s.every is set,
// at its next turn), for d.
func run(ctx context.Context, s scenario, clients int, d time.Duration) result {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	deadline := time.Now().Add(d)
	var mu sync.Mutex
	res := result{scenario: s.name, target: s.target.name, clients: clients}
	var all []time.Duration
	var wg sync.WaitGroup
	pid := s.pid
	if pid == 0 {
		pid = os.Getpid()
	}
	cpu0, pg0 := cpuTicks(pid, s.dbName)
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var lat []time.Duration
			var n int64
			var errs int
			var firstErr error
			turn := time.Now().Add(s.every * time.Duration(c) / time.Duration(clients))
			for i := c * 1_000_003; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				if s.every > 0 {
					time.Sleep(time.Until(turn))
					turn = turn.Add(s.every)
				}
				t0 := time.Now()
				out, err := s.target.post(ctx, s.body(i))
				lat = append(lat, time.Since(t0))
				n += int64(len(out))
				if err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
				}
			}
			mu.Lock()
			all = append(all, lat...)
			res.errors += errs
			res.bytes += n
			if res.firstErr == nil {
				res.firstErr = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	cpu1, pg1 := cpuTicks(pid, s.dbName)
	res.serverCPU, res.postgresCPU = cpu1-cpu0, backendCPU(pg0, pg1)
	res.requests = len(all)
	if len(all) == 0 {
		return res
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	res.p50, res.p95, res.p99 = pct(0.50), pct(0.95), pct(0.99)
	var sum time.Duration
	for _, l := range all {
		sum += l
	}
	res.mean = sum / time.Duration(len(all))
	return res
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// signIn signs t's client in.
func (t *target) signIn(ctx context.Context, email, password string) error {
	_, err := t.post(ctx, gqlBody(`mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) { id } }`,
		map[string]any{"e": email, "p": password}))
	if err != nil {
		return fmt.Errorf("sign in as %s: %w", email, err)
	}
	if !strings.Contains(fmt.Sprint(t.client.Jar.Cookies(mustURL(t.url))), "=") {
		return fmt.Errorf("sign in as %s: no session cookie", email)
	}
	return nil
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// pageCursors walks the first n pages of the directory (20 people each,
// in directoryQuery's order) as t's viewer and returns where each begins:
// nil for the first, then the end cursor of the page before.
func pageCursors(ctx context.Context, t *target, n int) ([]any, error) {
	const walk = `query($after: Cursor) {
  people(first: 20, after: $after, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) {
    pageInfo { hasNextPage endCursor }
    edges { cursor }
  }
}`
	cursors := []any{nil}
	for len(cursors) < n {
		body, err := t.post(ctx, gqlBody(walk, map[string]any{"after": cursors[len(cursors)-1]}))
		if err != nil {
			return nil, err
		}
		var out struct {
			Data struct {
				People struct {
					PageInfo struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
				} `json:"people"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			return nil, err
		}
		if !out.Data.People.PageInfo.HasNextPage {
			break
		}
		cursors = append(cursors, out.Data.People.PageInfo.EndCursor)
	}
	return cursors, nil
}

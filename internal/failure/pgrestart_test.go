package failure

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/internal/testdb"
)

// cluster is a throwaway PostgreSQL cluster of the test's own, on a free
// loopback port, so that it can be stopped and started without touching
// the server other tests use.
type cluster struct {
	bin, dir, data string
	port           int
	asUser         []string // runuser prefix when running as root
}

// startCluster initializes and starts a cluster, or skips the test with
// the reason it cannot.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	if os.Getenv(testdb.EnvURL) == "" {
		t.Skip(testdb.EnvURL + " is not set: the PostgreSQL failure tests run where PostgreSQL is installed (CI)")
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Strings(bins)
	var bin string
	if len(bins) > 0 {
		bin = filepath.Dir(bins[len(bins)-1])
	} else if p, err := exec.LookPath("initdb"); err == nil {
		bin = filepath.Dir(p)
	} else {
		t.Skip("initdb is not installed: cannot start a throwaway PostgreSQL cluster")
	}
	c := &cluster{bin: bin}
	dir, err := os.MkdirTemp("", "birge-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c.dir, c.data = dir, filepath.Join(dir, "data")
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: run it as postgres.
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root and there is no postgres user to run a throwaway cluster as")
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			t.Skip("running as root without runuser: cannot run a throwaway cluster as postgres")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Skipf("cannot give the cluster directory to postgres: %v", err)
		}
		c.asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	c.port = freePort(t)
	c.run(t, "initdb", "-D", c.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
	c.start(t)
	t.Cleanup(func() { c.pgctl("stop", "-m", "immediate") })
	return c
}

func (c *cluster) command(name string, args ...string) *exec.Cmd {
	argv := append(append([]string{}, c.asUser...), append([]string{filepath.Join(c.bin, name)}, args...)...)
	return exec.Command(argv[0], argv[1:]...)
}

func (c *cluster) run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := c.command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func (c *cluster) pgctl(args ...string) ([]byte, error) {
	args = append([]string{"-D", c.data, "-w", "-t", "60"}, args...)
	return c.command("pg_ctl", args...).CombinedOutput()
}

func (c *cluster) start(t *testing.T) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=50", c.port, c.dir)
	if out, err := c.pgctl("-l", filepath.Join(c.dir, "log"), "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// crash stops the cluster the hard way: no checkpoint, connections cut;
// the next start recovers from the WAL, as after a power cut.
func (c *cluster) crash(t *testing.T) {
	t.Helper()
	if out, err := c.pgctl("-m", "immediate", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=2", c.port, db)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// outcome is one request of the load.
type outcome struct {
	at     time.Time
	ok     bool
	status int
	code   string
	msg    string
	err    error
}

// PostgreSQL crashes and comes back while the server is under load:
// during the outage requests fail with a clear code (never a 500, never
// SQL), after it they succeed again within 5 s, and no write that was
// reported successful is lost.
func TestPostgresRestartUnderLoad(t *testing.T) {
	c := startCluster(t)
	db, err := database.Open(c.url("postgres"), database.Options{MaxOpenConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	fx := seedFixture(t, db.Client, 2)
	logs := &syncBuffer{}
	ts := newServer(t, db, logs)

	const writers, readers = 4, 2
	var (
		mu        sync.Mutex
		outcomes  []outcome
		committed []string
		stop      atomic.Bool
		wg        sync.WaitGroup
	)
	record := func(r reply) {
		o := outcome{at: time.Now(), ok: r.ok(), status: r.Status, code: r.code(), err: r.Err}
		if len(r.Errors) > 0 {
			o.msg = r.Errors[0].Message
		}
		mu.Lock()
		outcomes = append(outcomes, o)
		mu.Unlock()
	}
	for w := range writers {
		cl := newClient(ts.URL)
		cl.signIn(t, fx.Admin)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load() && i < 100000; i++ {
				name := fmt.Sprintf("Load %d-%d", w, i)
				r := cl.do(`mutation($n: String!) { createOrganization(input: {name: $n, kind: BUSINESS}) { id } }`, map[string]any{"n": name})
				record(r)
				if r.ok() {
					mu.Lock()
					committed = append(committed, name)
					mu.Unlock()
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	for range readers {
		cl := newClient(ts.URL)
		cl.signIn(t, fx.Members[0])
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load() && i < 100000; i++ {
				record(cl.do(`{ organizations(first: 10) { totalCount edges { node { id name } } } viewer { id } }`, nil))
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}

	time.Sleep(time.Second)
	down := time.Now()
	c.crash(t)
	time.Sleep(2 * time.Second)
	startAt := time.Now()
	c.start(t)
	ready := time.Now()
	// Load goes on until requests have succeeded for a while again.
	deadline := ready.Add(5 * time.Second)
	var recovered time.Time
	for time.Now().Before(deadline.Add(2*time.Second)) && (recovered.IsZero() || time.Since(recovered) < 2*time.Second) {
		time.Sleep(50 * time.Millisecond)
		if recovered.IsZero() {
			recovered = firstSuccessAfter(&mu, &outcomes, ready)
		}
	}
	stop.Store(true)
	wg.Wait()

	var before, during, after, failedAfterRecovery int
	codes := map[string]int{}
	for _, o := range outcomes {
		if o.err != nil {
			t.Errorf("a request got no HTTP answer: %v", o.err)
			continue
		}
		if o.status >= 500 && o.status != 503 {
			t.Errorf("status %d (%s: %s)", o.status, o.code, o.msg)
		}
		if !o.ok {
			codes[o.code]++
			if o.code != "SERVICE_UNAVAILABLE" && o.code != "TIMEOUT" {
				t.Errorf("a failure with code %q (status %d): %s", o.code, o.status, o.msg)
			}
			if leaks(o.msg) {
				t.Errorf("a message shows internals: %q", o.msg)
			}
		}
		switch {
		case o.at.Before(down):
			before++
			if !o.ok {
				t.Errorf("a request failed before the outage: %d %s %s", o.status, o.code, o.msg)
			}
		case o.at.Before(ready):
			during++
		default:
			after++
			if !recovered.IsZero() && o.at.After(recovered.Add(time.Second)) && !o.ok {
				failedAfterRecovery++
			}
		}
	}
	if codes["SERVICE_UNAVAILABLE"] == 0 {
		t.Errorf("no request failed with SERVICE_UNAVAILABLE during the outage (codes %v)", codes)
	}
	if recovered.IsZero() {
		t.Fatalf("no request succeeded within 5 s after PostgreSQL was back")
	}
	if d := recovered.Sub(ready); d > 5*time.Second {
		t.Errorf("requests succeeded again %v after PostgreSQL was back, want within 5 s", d)
	}
	if failedAfterRecovery > 0 {
		t.Errorf("%d requests failed more than a second after recovery", failedAfterRecovery)
	}
	t.Logf("requests: %d before, %d during the outage (%v), %d after; failure codes %v", before, during, startAt.Sub(down).Round(time.Millisecond), after, codes)
	t.Logf("PostgreSQL start took %v; first success %v after it was ready (%v after the start began)",
		ready.Sub(startAt).Round(time.Millisecond), recovered.Sub(ready).Round(time.Millisecond), recovered.Sub(startAt).Round(time.Millisecond))

	// Failures are logged with the ID of their request.
	var unavailableLines int
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "database unavailable") || strings.Contains(l, "session lookup failed") {
			unavailableLines++
			if !strings.Contains(l, "request_id=") {
				t.Errorf("a failure logged without its request ID: %s", l)
				break
			}
		}
	}
	if codes["INTERNAL_SERVER_ERROR"] > 0 {
		for _, l := range strings.Split(logs.String(), "\n") {
			if strings.Contains(l, "level=ERROR") {
				t.Logf("log: %.400s", l)
			}
		}
	}
	if unavailableLines == 0 {
		t.Error("the outage was not logged")
	}

	// No committed write lost: every organization reported created exists.
	names, err := db.SQL.QueryContext(ctx, `SELECT name FROM organizations`)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for names.Next() {
		var n string
		names.Scan(&n)
		have[n] = true
	}
	names.Close()
	lost := 0
	for _, n := range committed {
		if !have[n] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d committed writes were lost", lost, len(committed))
	}
	t.Logf("%d writes reported committed, all present: %v", len(committed), lost == 0)
}

func firstSuccessAfter(mu *sync.Mutex, outcomes *[]outcome, after time.Time) time.Time {
	mu.Lock()
	defer mu.Unlock()
	var first time.Time
	for _, o := range *outcomes {
		if o.ok && o.at.After(after) && (first.IsZero() || o.at.Before(first)) {
			first = o.at
		}
	}
	return first
}

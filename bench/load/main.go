// Command load is Birge's load run (make bench): it makes or reuses a
// scale-seeded PostgreSQL database (package seed/scale), starts the real
// server on it, signs in, and drives bounded-time loads on the loopback
// interface at fixed concurrency for the portal's main queries; beside
// it, PostGraphile serving the same database and the same page read with
// hand-written SQL. It reports throughput, latency percentiles, SQL
// statements per request, server memory and startup time, as Markdown.
//
//	go run ./bench/load                  # from the repository root
//	go run ./bench/load -recreate        # make the database again
//	go run ./bench/load -trace           # the statements of each query, timed, and exit
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/shyraq/birge/seed/scale"
)

type config struct {
	server, dbName   string
	people           int
	recreate         bool
	duration, warmup time.Duration
	clients          []int
	only             map[string]bool
	pglDir           string
	trace            bool
	startupRuns      int
	gzip             bool
	pool             int
	out              string
	profile          string
	profileOf        string
	pageCache        bool
}

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	var c config
	var clients, only string
	defServer := os.Getenv("BIRGE_TEST_DATABASE_URL")
	if defServer == "" {
		defServer = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	flag.StringVar(&c.server, "server", defServer, "PostgreSQL server to make the bench database on (BIRGE_TEST_DATABASE_URL)")
	flag.StringVar(&c.dbName, "db", "birge_bench", "the bench database's name; reused when it holds the sizes asked for")
	flag.IntVar(&c.people, "people", scale.Default.People, "people to generate (in scale.ForPeople's proportions)")
	flag.BoolVar(&c.recreate, "recreate", false, "drop and make the bench database again")
	flag.DurationVar(&c.duration, "duration", 10*time.Second, "length of each timed run")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "untimed load before each scenario")
	flag.StringVar(&clients, "clients", "1,8,32", "concurrencies, comma-separated")
	flag.StringVar(&only, "only", "", "run only these scenarios: directory,plain,pages,spa,profile,search,dashboard,postgraphile,hand (comma-separated; plain: Birge with the page cache off; pages: many different directory pages)")
	flag.StringVar(&c.pglDir, "postgraphile", "bench/postgraphile", "PostGraphile's directory (npm ci there first); empty to skip it")
	flag.BoolVar(&c.trace, "trace", false, "print each query's SQL statements with their times, then exit")
	flag.IntVar(&c.startupRuns, "startup-runs", 3, "startup timings to take the median of (0 to skip)")
	flag.BoolVar(&c.gzip, "gzip", true, "ask for gzip-compressed responses, as browsers do")
	flag.IntVar(&c.pool, "pool", 20, "connection pool of PostGraphile and the hand-written SQL (Birge uses its own default)")
	flag.StringVar(&c.out, "out", "", "also write the report to this file")
	flag.StringVar(&c.profile, "cpuprofile", "", "drive the in-process server with -profile-of for -duration and write a Go CPU profile here, then exit")
	flag.StringVar(&c.profileOf, "profile-of", "directory", "what -cpuprofile drives: directory (the page with its count) or search")
	flag.BoolVar(&c.pageCache, "page-cache", true, "whether the server -cpuprofile drives answers directory pages from kept answers (BIRGE_PAGE_CACHE)")
	flag.Parse()
	for _, s := range strings.Split(clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bad -clients %q", clients)
		}
		c.clients = append(c.clients, n)
	}
	if only != "" {
		c.only = map[string]bool{}
		for _, s := range strings.Split(only, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(scenarioKeys, s) {
				return fmt.Errorf("-only: unknown scenario %q (want some of %s)", s, strings.Join(scenarioKeys, ","))
			}
			c.only[s] = true
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runBench(ctx, c)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
}

// scenarioKeys are the names -only accepts.
var scenarioKeys = []string{"directory", "plain", "pages", "spa", "profile", "search", "dashboard", "postgraphile", "hand"}

// plainTarget names the Birge server with the page cache off.
const plainTarget = "Birge, page cache off"

func (c config) want(s string) bool { return c.only == nil || c.only[s] }

// report is everything the run measured.
type report struct {
	machine     []string
	db          *benchDB
	results     []result
	rss         map[string]float64 // scenario/target/clients -> peak MB
	hwm         map[string]float64 // process -> VmHWM MB
	statements  []statementRow
	startFresh  time.Duration
	startSeeded time.Duration
	notes       []string
	loadStart   string
}

type statementRow struct {
	name   string
	counts []int64 // by page size
}

func runBench(ctx context.Context, c config) error {
	started := time.Now()
	rep := &report{rss: map[string]float64{}, hwm: map[string]float64{}}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return errors.New("run from the repository root (make bench does)")
	}
	db, err := ensureDatabase(ctx, c.server, c.dbName, scale.ForPeople(c.people), c.recreate, logf)
	if err != nil {
		return err
	}
	rep.db = db
	ids, searches, err := samplePeople(ctx, db.url, 2000)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return errors.New("no listed people in the bench database")
	}

	// SQL statements per request, through an in-process server that
	// executes every query for its viewer; then one that answers from
	// kept answers (the server's default).
	if c.profile != "" {
		ip, err := newInProcess(db.url, c.pageCache)
		if err != nil {
			return err
		}
		defer ip.close()
		if err := ip.signIn(memberEmail, benchPass); err != nil {
			return err
		}
		return profileInProcess(ctx, ip, c, searches)
	}
	ip, err := newInProcess(db.url, false)
	if err != nil {
		return err
	}
	err = countStatements(ip, c, rep, ids, searches)
	ip.close()
	if err != nil || c.trace {
		return err
	}
	if err := countKept(db.url, rep); err != nil {
		return err
	}

	tmp, err := os.MkdirTemp("", "birge-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "birge")
	logf("building the server ...")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	if c.startupRuns > 0 {
		logf("timing startup on the embedded database ...")
		if rep.startFresh, rep.startSeeded, err = startup(ctx, bin, tmp, c.startupRuns); err != nil {
			return fmt.Errorf("startup: %w", err)
		}
	}

	// The real server on the bench database, and a second one that
	// executes every query for its viewer (BIRGE_PAGE_CACHE=false).
	startBirge := func(name string, env ...string) (*proc, *memory, string, error) {
		port, err := freePort()
		if err != nil {
			return nil, nil, "", err
		}
		p, err := start(name, tmp, filepath.Join(tmp, strings.ReplaceAll(name, " ", "-")+".log"), append([]string{
			"BIRGE_DATABASE_URL=" + db.url, "BIRGE_SEED=false", "BIRGE_ADDR=127.0.0.1:" + strconv.Itoa(port),
			"BIRGE_RATE_LIMIT=0", "BIRGE_SEARCH_LIMIT=0", "BIRGE_LOG_FORMAT=json",
		}, env...), bin, "serve")
		if err != nil {
			return nil, nil, "", err
		}
		base := fmt.Sprintf("http://127.0.0.1:%d", port)
		if err := p.waitHTTP(ctx, base+"/readyz", 60*time.Second); err != nil {
			p.stop()
			return nil, nil, "", err
		}
		return p, sampleMemory(p.pid()), base + "/graphql", nil
	}
	birge, birgeMem, birgeURL, err := startBirge("birge")
	if err != nil {
		return err
	}
	defer birge.stop()
	defer birgeMem.close()
	member, err := newTarget("Birge", birgeURL)
	if err != nil {
		return err
	}
	partner, err := newTarget("Birge", birgeURL)
	if err != nil {
		return err
	}
	var plain *target // Birge with the page cache off
	var plainMem *memory
	if c.want("plain") {
		p, mem, url, err := startBirge("birge no page cache", "BIRGE_PAGE_CACHE=false")
		if err != nil {
			return err
		}
		defer p.stop()
		defer mem.close()
		plainMem = mem
		if plain, err = newTarget(plainTarget, url); err != nil {
			return err
		}
		if err := plain.signIn(ctx, memberEmail, benchPass); err != nil {
			return err
		}
		setGzip(plain, c.gzip)
	}
	for _, t := range []*target{member, partner} {
		setGzip(t, c.gzip)
	}
	if err := member.signIn(ctx, memberEmail, benchPass); err != nil {
		return err
	}
	if err := partner.signIn(ctx, partnerEmail, benchPass); err != nil {
		return err
	}

	// PostGraphile on the same database.
	var pgl *target
	var pglMem *memory
	if c.pglDir != "" && c.want("postgraphile") {
		p, t, err := startPostGraphile(ctx, c, db.url, tmp)
		if err != nil {
			rep.notes = append(rep.notes, "PostGraphile skipped: "+err.Error())
			logf("PostGraphile skipped: %v", err)
		} else {
			defer p.stop()
			pgl = t
			setGzip(pgl, c.gzip)
			pglMem = sampleMemory(p.pid())
			defer pglMem.close()
		}
	}

	// The hand-written SQL lower bound.
	var hand *target
	if c.want("hand") {
		hs, err := startHandServer(db.url, db.member, c.pool)
		if err != nil {
			return err
		}
		defer hs.close()
		if hand, err = newTarget("hand-written SQL", hs.url); err != nil {
			return err
		}
		setGzip(hand, c.gzip)
	}

	dir := func(int) []byte { return gqlBody(directoryQuery, map[string]any{"first": 20}) }
	edgesOnly := func(int) []byte { return gqlBody(directoryEdgesQuery, map[string]any{"first": 20}) }
	// Different pages of the directory, each request one at random: of
	// 500 (a busy day's browsing), and of all of them (a crawler; the
	// page cache keeps answers 2 seconds, so most are computed).
	var cursors []any
	if c.want("pages") {
		logf("walking the directory for its pages ...")
		if cursors, err = pageCursors(ctx, member, 100_000); err != nil {
			return err
		}
	}
	pagesOf := func(n int) func(int) []byte {
		n = min(n, len(cursors))
		return func(i int) []byte {
			// Request i asks a page scattered over the n (Fibonacci
			// hashing): clients do not walk the pages in step, so a page
			// comes again within the 2 s its answer is kept only by chance.
			page := int((uint64(i) * 0x9E3779B97F4A7C15 >> 32) % uint64(n))
			return gqlBody(directoryPageQuery, map[string]any{"first": 20, "after": cursors[page]})
		}
	}
	allPages := fmt.Sprintf("directory, any of all %d pages", len(cursors))
	top := c.clients[len(c.clients)-1]
	ends := []int{c.clients[0], top}
	if ends[0] == top {
		ends = ends[:1]
	}
	// Search also at issue 5's 20 clients.
	searchAt := ends
	if !slices.Contains(searchAt, 20) {
		searchAt = append([]int{}, ends...)
		searchAt = append(searchAt, 20)
		slices.Sort(searchAt)
	}
	scenarios := []struct {
		key     string
		s       scenario
		mem     *memory
		clients []int
	}{
		{"directory", scenario{name: "directory page", target: member, body: dir}, birgeMem, c.clients},
		{"postgraphile", scenario{name: "directory page", target: pgl, body: func(int) []byte {
			return gqlBody(pglDirectoryQuery, map[string]any{"first": 20})
		}}, pglMem, c.clients},
		{"hand", scenario{name: "directory page", target: hand, body: dir}, nil, c.clients},
		{"plain", scenario{name: "directory page", target: plain, body: dir}, plainMem, c.clients},
		{"pages", scenario{name: "directory, any of 500 pages", target: member, body: pagesOf(500)}, birgeMem, []int{top}},
		{"pages", scenario{name: "directory, any of 500 pages", target: plain, body: pagesOf(500)}, plainMem, []int{top}},
		{"pages", scenario{name: allPages, target: member, body: pagesOf(len(cursors))}, birgeMem, []int{top}},
		{"directory", scenario{name: "directory page, each client 5 pages a second", target: member, body: dir,
			every: 200 * time.Millisecond}, birgeMem, []int{top}},
		{"postgraphile", scenario{name: "directory page, each client 5 pages a second", target: pgl, every: 200 * time.Millisecond,
			body: func(int) []byte { return gqlBody(pglDirectoryQuery, map[string]any{"first": 20}) }}, pglMem, []int{top}},
		{"directory", scenario{name: "directory page, edges only (no count)", target: member, body: edgesOnly}, birgeMem, []int{top}},
		{"postgraphile", scenario{name: "directory page, edges only (no count)", target: pgl, body: func(int) []byte {
			return gqlBody(pglDirectoryEdgesQuery, map[string]any{"first": 20})
		}}, pglMem, []int{top}},
		{"hand", scenario{name: "directory page, edges only (no count)", target: hand, body: edgesOnly}, nil, []int{top}},
		{"spa", scenario{name: "directory page (web app's query)", target: member, body: func(int) []byte {
			return gqlBody(spaDirectoryQuery, map[string]any{"first": 20})
		}}, birgeMem, []int{top}},
		{"profile", scenario{name: "profile page", target: member, body: func(i int) []byte {
			return gqlBody(profileQuery, map[string]any{"id": strconv.Itoa(ids[i%len(ids)])})
		}}, birgeMem, ends},
		{"search", scenario{name: "search", target: member, body: func(i int) []byte {
			return gqlBody(searchQuery, searches[i%len(searches)].vars())
		}}, birgeMem, searchAt},
		{"search", scenario{name: "search, each client 10 searches a second", target: member, every: 100 * time.Millisecond,
			body: func(i int) []byte { return gqlBody(searchQuery, searches[i%len(searches)].vars()) }}, birgeMem, []int{20}},
		{"dashboard", scenario{name: "outcomes dashboard (partner)", target: partner, body: func(int) []byte {
			return gqlBody(dashboardQuery, nil)
		}}, birgeMem, []int{1, 8}},
	}
	rep.loadStart = loadAvg()
	for _, sc := range scenarios {
		if sc.mem != nil {
			sc.s.pid = sc.mem.pid
		}
		sc.s.dbName = c.dbName
		if !c.want(sc.key) || sc.s.target == nil {
			continue
		}
		if sc.key == "search" && !schemaHas("searchPeople") {
			rep.notes = append(rep.notes, "search skipped: searchPeople is not in graph/*.graphql")
			continue
		}
		if sc.key == "dashboard" && !schemaHas("programReach") {
			rep.notes = append(rep.notes, "outcomes dashboard skipped: programReach is not in graph/*.graphql")
			continue
		}
		if _, err := sc.s.target.post(ctx, sc.s.body(0)); err != nil {
			rep.notes = append(rep.notes, fmt.Sprintf("%s on %s skipped: %v", sc.s.name, sc.s.target.name, err))
			logf("%s on %s skipped: %v", sc.s.name, sc.s.target.name, err)
			continue
		}
		logf("%s on %s: warming up ...", sc.s.name, sc.s.target.name)
		run(ctx, sc.s, sc.clients[len(sc.clients)-1], c.warmup)
		for _, n := range sc.clients {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if sc.mem != nil {
				sc.mem.take()
			}
			r := run(ctx, sc.s, n, c.duration)
			if sc.mem != nil {
				rep.rss[key(r)] = sc.mem.take()
			}
			scpu, pgcpu := r.cpuPerRequest()
			logf("  %2d clients: %7.1f req/s  p50 %s  p95 %s  p99 %s ms  errors %d  CPU/req: server %s ms, PostgreSQL %s ms",
				n, r.rps(), ms(r.p50), ms(r.p95), ms(r.p99), r.errors, ms(scpu), ms(pgcpu))
			if r.firstErr != nil {
				logf("  first error: %v", r.firstErr)
			}
			rep.results = append(rep.results, r)
		}
	}
	if _, hwm, err := procStatus(birge.pid()); err == nil {
		rep.hwm["Birge"] = float64(hwm) / 1024
	}
	if plainMem != nil {
		if _, hwm, err := procStatus(plainMem.pid); err == nil {
			rep.hwm[plainTarget] = float64(hwm) / 1024
		}
	}
	if pglMem != nil {
		if _, hwm, err := procStatus(pglMem.pid); err == nil {
			rep.hwm["PostGraphile"] = float64(hwm) / 1024
		}
	}
	rep.machine = machine(ctx, db.url, c.pglDir)
	rep.notes = append(rep.notes, fmt.Sprintf("whole run: %v", time.Since(started).Round(time.Second)))
	var w io.Writer = os.Stdout
	if c.out != "" {
		f, err := os.Create(c.out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = io.MultiWriter(os.Stdout, f)
	}
	rep.write(w, c)
	return nil
}

func setGzip(t *target, on bool) {
	t.client.Transport.(*http.Transport).DisableCompression = !on
}

func key(r result) string { return fmt.Sprintf("%s|%s|%d", r.scenario, r.target, r.clients) }

// schemaHas reports whether a field is defined in graph/*.graphql.
func schemaHas(field string) bool {
	files, _ := filepath.Glob("graph/*.graphql")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && strings.Contains(string(b), field+"(") {
			return true
		}
	}
	return false
}

// startPostGraphile runs bench/postgraphile/server.mjs on the database.
func startPostGraphile(ctx context.Context, c config, dbURL, tmp string) (*proc, *target, error) {
	dir, err := filepath.Abs(c.pglDir)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "postgraphile")); err != nil {
		return nil, nil, fmt.Errorf("not installed: run npm ci in %s", c.pglDir)
	}
	port, err := freePort()
	if err != nil {
		return nil, nil, err
	}
	p, err := start("PostGraphile", dir, filepath.Join(tmp, "postgraphile.log"), []string{
		"DATABASE_URL=" + dbURL, "PORT=" + strconv.Itoa(port), "POOL=" + strconv.Itoa(c.pool), "NODE_ENV=production",
	}, "node", "--require", "./polyfill.cjs", "server.mjs")
	if err != nil {
		return nil, nil, err
	}
	t, err := newTarget("PostGraphile", fmt.Sprintf("http://127.0.0.1:%d/graphql", port))
	if err != nil {
		p.stop()
		return nil, nil, err
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := t.post(ctx, gqlBody(`{ __typename }`, nil))
		if err == nil {
			return p, t, nil
		}
		select {
		case <-p.done:
			log, _ := os.ReadFile(filepath.Join(tmp, "postgraphile.log"))
			return nil, nil, fmt.Errorf("ended: %v: %.500s", p.err, log)
		default:
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			p.stop()
			return nil, nil, fmt.Errorf("not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// machine describes where the run ran.
func machine(ctx context.Context, dbURL, pglDir string) []string {
	out := []string{fmt.Sprintf("%d cores (%s)", runtime.NumCPU(), cpuModel())}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.Atoi(f[1])
				out = append(out, fmt.Sprintf("%.1f GB memory", float64(kb)/1024/1024))
			}
		}
	}
	if db, err := sql.Open("postgres", dbURL); err == nil {
		var v string
		if db.QueryRowContext(ctx, "SHOW server_version").Scan(&v) == nil {
			out = append(out, "PostgreSQL "+v+" on the same machine")
		}
		db.Close()
	}
	out = append(out, runtime.Version())
	if b, err := exec.Command("node", "--version").Output(); err == nil {
		out = append(out, "Node "+strings.TrimSpace(string(b)))
	}
	if b, err := os.ReadFile(filepath.Join(pglDir, "node_modules", "postgraphile", "package.json")); err == nil {
		var pkg struct{ Version string }
		if json.Unmarshal(b, &pkg) == nil {
			out = append(out, "PostGraphile "+pkg.Version)
		}
	}
	return out
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

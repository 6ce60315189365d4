package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"strconv"
	"strings"
	"time"
)

// pageSizes are the page sizes at which statements are counted.
var pageSizes = []int{5, 20, 50, 100}

// countStatements counts the SQL statements of one request of each kind
// through the in-process server (a warm one: the second of two), or with
// c.trace prints them with their times.
func countStatements(ip *inProcess, c config, rep *report, ids []int, searches []search) error {
	for _, email := range []string{memberEmail, partnerEmail} {
		if err := ip.signIn(email, benchPass); err != nil {
			return err
		}
	}
	one := func(name, email, query string, vars map[string]any) (int64, error) {
		body := gqlBody(query, vars)
		if _, _, _, err := ip.do(email, body, false); err != nil {
			return -1, fmt.Errorf("%s: %w", name, err)
		}
		_, n, log, err := ip.do(email, body, c.trace)
		if err != nil {
			return -1, fmt.Errorf("%s: %w", name, err)
		}
		if c.trace {
			printTrace(os.Stdout, name, log)
		}
		return n, nil
	}
	if c.trace {
		for _, q := range []struct {
			name, email, query string
			vars               map[string]any
		}{
			{"directory page", memberEmail, directoryQuery, map[string]any{"first": 20}},
			{"directory page, edges only (no count)", memberEmail, directoryEdgesQuery, map[string]any{"first": 20}},
			{"web app's directory page", memberEmail, spaDirectoryQuery, map[string]any{"first": 20}},
			{"profile page", memberEmail, profileQuery, map[string]any{"id": strconv.Itoa(ids[0])}},
			{"search", memberEmail, searchQuery, searches[0].vars()},
			{"outcomes dashboard", partnerEmail, dashboardQuery, nil},
		} {
			if _, err := one(q.name, q.email, q.query, q.vars); err != nil {
				fmt.Println("--", err)
			}
		}
		return nil
	}
	for _, q := range listQueries {
		row := statementRow{name: q.name}
		for _, size := range pageSizes {
			vars := map[string]any{"first": size}
			maps.Copy(vars, q.vars)
			n, err := one(q.name, q.as, q.query, vars)
			if err != nil {
				if !strings.Contains(err.Error(), "COMPLEXITY_LIMIT_EXCEEDED") {
					logf("statements: %v", err)
				}
				n = -1
			}
			row.counts = append(row.counts, n)
		}
		rep.statements = append(rep.statements, row)
	}
	for _, q := range []struct {
		name, email, query string
		vars               map[string]any
	}{
		{"node(id): profile page", memberEmail, profileQuery, map[string]any{"id": strconv.Itoa(ids[0])}},
		{"outcomes dashboard (impactHeadline, programReach, outcomes)", partnerEmail, dashboardQuery, nil},
	} {
		n, err := one(q.name, q.email, q.query, q.vars)
		if err != nil {
			logf("statements: %v", err)
		}
		rep.statements = append(rep.statements, statementRow{name: q.name, counts: []int64{n}})
	}
	return nil
}

// countKept counts the statements of a directory page answered from a
// kept answer (package pagecache): the second of two, through an
// in-process server with the page cache on.
func countKept(dbURL string, rep *report) error {
	ip, err := newInProcess(dbURL, true)
	if err != nil {
		return err
	}
	defer ip.close()
	if err := ip.signIn(memberEmail, benchPass); err != nil {
		return err
	}
	row := statementRow{name: "people: directory page, answered from a kept answer (page cache on)"}
	for _, size := range pageSizes[:3] {
		body := gqlBody(directoryQuery, map[string]any{"first": size})
		var n int64
		for range 2 {
			if _, n, _, err = ip.do(memberEmail, body, false); err != nil {
				return fmt.Errorf("kept directory page: %w", err)
			}
		}
		row.counts = append(row.counts, n)
	}
	rep.statements = append(rep.statements, row)
	return nil
}

// loadAvg is the machine's load average over the last minute.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// write writes the report as Markdown.
func (rep *report) write(w io.Writer, c config) {
	fmt.Fprintf(w, "\n## Load run of %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "Machine: %s.\n\n", strings.Join(rep.machine, ", "))
	s := rep.db.sizes
	fmt.Fprintf(w, "Database: %d people, %d cohorts, %d enrollments, %d survey answers", s.People, s.Cohorts, s.Enrollments, s.Surveys)
	if rep.db.reused {
		fmt.Fprintf(w, " (reused).\n\n")
	} else {
		fmt.Fprintf(w, " (generated in %v).\n\n", rep.db.seeded.Round(100*time.Millisecond))
	}
	fmt.Fprintf(w, "Each run: %v at a fixed number of clients after %v of warm-up; responses gzip: %v. Load average of the machine (1 min) at the start and end: %s, %s.\n\n",
		c.duration, c.warmup, c.gzip, rep.loadStart, loadAvg())
	fmt.Fprintln(w, "| query | server | clients | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/req: server | PostgreSQL | server RSS MB |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.results {
		rss := "-"
		if v, ok := rep.rss[key(r)]; ok && v > 0 {
			rss = fmt.Sprintf("%.0f", v)
		}
		scpu, pgcpu := r.cpuPerRequest()
		fmt.Fprintf(w, "| %s | %s | %d | %.0f | %s | %s | %s | %d | %s | %s | %s |\n",
			r.scenario, r.target, r.clients, r.rps(), ms(r.p50), ms(r.p95), ms(r.p99), r.errors, ms(scpu), ms(pgcpu), rss)
	}
	find := func(target string, clients int) (result, bool) {
		for _, r := range rep.results {
			if r.scenario == "directory page" && r.target == target && r.clients == clients {
				return r, true
			}
		}
		return result{}, false
	}
	top := c.clients[len(c.clients)-1]
	fmt.Fprintf(w, "\nRatios (directory page):\n\n")
	b, okB := find("Birge", top)
	if p, ok := find("PostGraphile", top); okB && ok {
		fmt.Fprintf(w, "- Birge / PostGraphile throughput at %d clients: **%.2fx** (target >= 1.5x)\n", top, b.rps()/p.rps())
	}
	if okB {
		fmt.Fprintf(w, "- Birge p95 at %d clients: **%s ms** (target < 25 ms)\n", top, ms(b.p95))
	}
	if h, ok := find("hand-written SQL", top); okB && ok {
		fmt.Fprintf(w, "- Birge p95 / hand-written SQL p95 at %d clients: **%.2fx**; throughput hand-written / Birge: %.2fx\n",
			top, float64(b.p95)/float64(h.p95), h.rps()/b.rps())
	}
	cpu := func(r result) time.Duration { a, b := r.cpuPerRequest(); return a + b }
	if okB {
		line := fmt.Sprintf("- CPU per request at %d clients (server + PostgreSQL backends; independent of other load on the machine): Birge %s ms", top, ms(cpu(b)))
		if p, ok := find("PostGraphile", top); ok {
			line += fmt.Sprintf(", PostGraphile %s ms", ms(cpu(p)))
		}
		if h, ok := find("hand-written SQL", top); ok {
			line += fmt.Sprintf(", hand-written SQL %s ms (its server is the load generator, whose CPU includes the clients')", ms(cpu(h)))
		}
		fmt.Fprintln(w, line)
		if p, ok := find("PostGraphile", top); ok && cpu(b) > 0 {
			fmt.Fprintf(w, "- capacity from CPU per request, Birge / PostGraphile: **%.2fx**\n", float64(cpu(p))/float64(cpu(b)))
		}
	}
	b1, ok1 := find("Birge", 1)
	if h1, ok := find("hand-written SQL", 1); ok1 && ok {
		fmt.Fprintf(w, "- per request, one client (mean latency): Birge %s ms / hand-written SQL %s ms = **%.2fx** (target <= 2x)\n",
			ms(b1.mean), ms(h1.mean), float64(b1.mean)/float64(h1.mean))
	}
	if p1, ok := find("PostGraphile", 1); ok1 && ok {
		fmt.Fprintf(w, "- per request, one client (mean latency): PostGraphile %s ms\n", ms(p1.mean))
	}
	// The same with every answer executed for its viewer.
	if o, ok := find(plainTarget, top); ok {
		line := fmt.Sprintf("- page cache off, %d clients: p95 %s ms, CPU per request %s ms", top, ms(o.p95), ms(cpu(o)))
		if p, ok := find("PostGraphile", top); ok {
			line += fmt.Sprintf(", throughput %.2fx PostGraphile's", o.rps()/p.rps())
		}
		fmt.Fprintln(w, line)
	}
	if o1, ok := find(plainTarget, 1); ok {
		if h1, ok := find("hand-written SQL", 1); ok {
			fmt.Fprintf(w, "- page cache off, per request, one client (mean latency): %s ms / hand-written SQL %s ms = %.2fx\n",
				ms(o1.mean), ms(h1.mean), float64(o1.mean)/float64(h1.mean))
		}
	}

	fmt.Fprintf(w, "\nSQL statements per request (in-process server, database.Counter; the session lookup included):\n\n")
	fmt.Fprint(w, "| query |")
	for _, n := range pageSizes {
		fmt.Fprintf(w, " first: %d |", n)
	}
	fmt.Fprint(w, "\n|---|")
	for range pageSizes {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
	for _, row := range rep.statements {
		fmt.Fprintf(w, "| %s |", row.name)
		for i := range pageSizes {
			switch {
			case i >= len(row.counts):
				fmt.Fprint(w, " |")
			case row.counts[i] < 0:
				fmt.Fprint(w, " refused (cost limit) |")
			default:
				fmt.Fprintf(w, " %d |", row.counts[i])
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nMemory: ")
	var mem []string
	for _, p := range []string{"Birge", plainTarget, "PostGraphile"} {
		if v, ok := rep.hwm[p]; ok {
			mem = append(mem, fmt.Sprintf("%s peak RSS (VmHWM) %.0f MB", p, v))
		}
	}
	fmt.Fprintf(w, "%s.\n", strings.Join(mem, "; "))
	if rep.startFresh > 0 {
		fmt.Fprintf(w, "\nStartup on the embedded database (process start to /readyz 200, median of %d): fresh file with the demo seed %s ms; already seeded %s ms.\n",
			c.startupRuns, ms(rep.startFresh), ms(rep.startSeeded))
	}
	for _, n := range rep.notes {
		fmt.Fprintf(w, "\nNote: %s\n", n)
	}
}

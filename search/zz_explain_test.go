package search_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/search"
	"github.com/shyraq/birge/viewer"
)

type capture struct {
	dialect.Driver
	qs []string
	as [][]any
}

func (c *capture) Query(ctx context.Context, q string, args, v any) error {
	c.qs = append(c.qs, q)
	a, ok := args.([]any)
	if !ok {
		fmt.Printf("ARGS TYPE %T\n", args)
	}
	c.as = append(c.as, a)
	return c.Driver.Query(ctx, q, args, v)
}

func TestZZExplain(t *testing.T) {
	url := os.Getenv("EXPLAIN_DB")
	if url == "" {
		t.Skip()
	}
	var cp *capture
	db, err := database.Open(url, database.Options{Wrap: func(d dialect.Driver) dialect.Driver { cp = &capture{Driver: d}; return cp }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.SystemContext(context.Background())
	if os.Getenv("EXPLAIN_FILL") != "" {
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		b := &testing.B{}
		_ = b
		benchPopulate(t, ctx, db, 100_000)
		db.SQL.Exec("ANALYZE")
	}
	var me int
	db.SQL.QueryRow("select min(id) from persons").Scan(&me)
	member := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: me, Role: viewer.RoleMember})
	first := 20
	q := search.Query{Text: os.Getenv("EXPLAIN_Q"), City: "Almaty"}
	cp.qs = nil
	if _, err := search.People(member, db.Client, q, search.Page{First: &first, Count: true}); err != nil {
		t.Fatal(err)
	}
	raw, _ := sql.Open("postgres", url)
	for i, qs := range cp.qs {
		rows, err := raw.Query("EXPLAIN (ANALYZE, BUFFERS) "+qs, cp.as[i]...)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for rows.Next() {
			var l string
			rows.Scan(&l)
			lines = append(lines, l)
		}
		fmt.Printf("=== %s\n%v\n%s\n", qs, cp.as[i], strings.Join(lines, "\n"))
	}
}

func TestZZTime(t *testing.T) {
	url := os.Getenv("EXPLAIN_DB")
	if url == "" {
		t.Skip()
	}
	db, err := database.Open(url, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("EXPLAIN_MIGRATE") != "" {
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		db.SQL.Exec("ANALYZE")
	}
	var me int
	db.SQL.QueryRow("select min(id) from persons").Scan(&me)
	member := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: me, Role: viewer.RoleMember})
	first := 20
	for round := 0; round < 2; round++ {
		start := time.Now()
		n := 0
		for _, qs := range benchQueries {
			for k := 0; k < 5; k++ {
				q := search.Query{Text: qs, City: "Almaty"}
				if _, err := search.People(member, db.Client, q, search.Page{First: &first, Count: os.Getenv("NOCOUNT") == ""}); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
		fmt.Printf("mean %v per search\n", time.Since(start)/time.Duration(n))
	}
	// per query
	for _, qs := range benchQueries {
		start := time.Now()
		for k := 0; k < 5; k++ {
			search.People(member, db.Client, search.Query{Text: qs, City: "Almaty"}, search.Page{First: &first, Count: true})
		}
		fmt.Printf("%-20s %v\n", qs, time.Since(start)/5)
	}
}

type timing struct {
	dialect.Driver
	mu  sync.Mutex
	log []string
}

func (c *timing) Query(ctx context.Context, q string, args, v any) error {
	t0 := time.Now()
	err := c.Driver.Query(ctx, q, args, v)
	c.mu.Lock()
	c.log = append(c.log, fmt.Sprintf("%8v %.60s", time.Since(t0).Round(time.Microsecond), q))
	c.mu.Unlock()
	return err
}

func TestZZTrace(t *testing.T) {
	url := os.Getenv("EXPLAIN_DB")
	if url == "" {
		t.Skip()
	}
	var tm *timing
	db, _ := database.Open(url, database.Options{Wrap: func(d dialect.Driver) dialect.Driver { tm = &timing{Driver: d}; return tm }})
	var me int
	db.SQL.QueryRow("select min(id) from persons").Scan(&me)
	member := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 1, PersonID: me, Role: viewer.RoleMember})
	first := 20
	for i := 0; i < 3; i++ {
		tm.log = nil
		t0 := time.Now()
		search.People(member, db.Client, search.Query{Text: os.Getenv("EXPLAIN_Q"), City: "Almaty"}, search.Page{First: &first, Count: true})
		fmt.Println("total", time.Since(t0))
		for _, l := range tm.log {
			fmt.Println(l)
		}
	}
}

package report

import (
	"context"
	"testing"

	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/seed"
)

func TestDebugDemo(t *testing.T) {
	db := testdb.Open(t)
	if _, err := seed.Demo(context.Background(), db.Client); err != nil {
		t.Fatal(err)
	}
	s, err := New(db.Client, Options{}).Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"due", "notDue", "resp", "miss", "y0", "y1", "y2", "y3", "n0", "n1", "n2", "n3", "pairs", "noBase", "noFU", "iUp", "iNot", "cUp", "cNot"}
	g := s.all
	t.Logf("participants %d completed %d notc %d", g.counts[0], g.counts[1], g.counts[2])
	for st := range Stages {
		line := ""
		for i, n := range names {
			m := at(st, i)
			h := ""
			if s.p.Suppressed(g.cells[m]) {
				h = "*"
			}
			line += n + "=" + itoa(g.counts[m]) + h + " "
		}
		t.Log(Stages[st], line)
	}
}

func itoa(n int) string { return string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)) }

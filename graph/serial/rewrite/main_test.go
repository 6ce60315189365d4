package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const generated = `package generated

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

func list(ctx context.Context, v []int) graphql.Array {
	return graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return graphql.MarshalInt(v[i])
	})
}
`

func TestRewriteIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.generated.go")
	if err := os.WriteFile(path, []byte(generated), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		n, err := rewrite(path)
		if err != nil || n != 1 {
			t.Fatalf("run %d: %d calls, %v; want 1", run, n, err)
		}
		out, _ := os.ReadFile(path)
		s := string(out)
		if strings.Contains(s, "MarshalSliceConcurrently") || !strings.Contains(s, "serial.MarshalList(ctx, len(v), 0, false,") {
			t.Errorf("run %d: not rewritten:\n%s", run, s)
		}
		if strings.Count(s, `"github.com/shyraq/birge/graph/serial"`) != 1 {
			t.Errorf("run %d: serial imported %d times", run, strings.Count(s, `"github.com/shyraq/birge/graph/serial"`))
		}
	}
}

package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/shyraq/birge/graph/generated"
)

// webAppDocuments reads the web app's GraphQL documents from the map
// graphql-codegen writes (frontend/src/gql/gql.ts).
func webAppDocuments(t *testing.T) string {
	t.Helper()
	f, err := os.Open("../frontend/src/gql/gql.ts")
	if err != nil {
		t.Skipf("the web app's documents are not generated: %v", err)
	}
	defer f.Close()
	var docs []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		i := strings.Index(line, `": `)
		if !strings.HasPrefix(line, `"`) || i < 0 || !strings.Contains(line, "types.") {
			continue
		}
		var doc string
		if err := json.Unmarshal([]byte(line[:i+1]), &doc); err != nil || seen[doc] {
			continue
		}
		seen[doc] = true
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		t.Skip("no documents found in frontend/src/gql/gql.ts")
	}
	return strings.Join(docs, "\n")
}

// Every operation of the web app stays within the server's limits, even
// with the largest pages it may ask for.
func TestWebAppOperationsStayWithinLimits(t *testing.T) {
	src := webAppDocuments(t)
	es := costedSchema{generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}})}
	doc, err := parser.ParseQuery(&ast.Source{Name: "gql.ts", Input: src})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if errs := validator.ValidateWithRules(es.Schema(), doc, rules.NewDefaultRules()); len(errs) > 0 {
		t.Fatalf("the web app's documents do not fit the schema: %v", gqlerror.List(errs))
	}
	for _, op := range doc.Operations {
		vars := map[string]any{}
		for _, v := range op.VariableDefinitions {
			if n := strings.ToLower(v.Variable); v.Type.Name() == "Int" && (strings.HasSuffix(n, "first") || strings.HasSuffix(n, "last")) {
				vars[v.Variable] = int64(MaxPageSize)
			}
		}
		w := shapeWalker{maxFields: DefaultMaxFields, expensive: map[string]bool{}}
		depth := w.walk(op.SelectionSet, 1)
		cost := complexity.Calculate(context.Background(), es, op, vars)
		t.Logf("%-28s depth %2d  fields %3d  complexity %5d", op.Name, depth, w.fields, cost)
		if depth > DefaultMaxDepth || w.fields > DefaultMaxFields || cost > DefaultComplexityLimit {
			t.Errorf("%s is beyond the limits: depth %d (max %d), fields %d (max %d), complexity %d (max %d)",
				op.Name, depth, DefaultMaxDepth, w.fields, DefaultMaxFields, cost, DefaultComplexityLimit)
		}
	}
}

// Command rewrite makes gqlgen's generated executor marshal lists with
// package serial: in every *.generated.go file of the directory it is
// given, calls of graphql.MarshalSliceConcurrently become calls of
// serial.MarshalList (the same arguments), and the file imports serial.
// It runs after gqlgen in `go generate` (generate.go); running it twice
// changes nothing.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
)

const (
	concurrent  = "graphql.MarshalSliceConcurrently("
	serialCall  = "serial.MarshalList("
	graphqlPath = "\t\"github.com/99designs/gqlgen/graphql\"\n"
	serialPath  = "\t\"github.com/shyraq/birge/graph/serial\"\n"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rewrite DIR (gqlgen's exec directory)")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.generated.go"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no *.generated.go files in %s", os.Args[1])
	}
	calls := 0
	for _, f := range files {
		if err != nil {
			break
		}
		var n int
		n, err = rewrite(f)
		calls += n
	}
	if err == nil && calls == 0 {
		// gqlgen changed what it generates: the rewrite must follow.
		err = fmt.Errorf("no %s call found in %s", concurrent, os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
}

// rewrite rewrites one file and returns how many calls it now makes to
// serial.MarshalList.
func rewrite(path string) (int, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	out := bytes.ReplaceAll(src, []byte(concurrent), []byte(serialCall))
	n := bytes.Count(out, []byte(serialCall))
	if n == 0 {
		return 0, nil
	}
	if !bytes.Contains(out, []byte(serialPath)) {
		if !bytes.Contains(out, []byte(graphqlPath)) {
			return 0, fmt.Errorf("%s: no import of the graphql package to put serial beside", path)
		}
		out = bytes.Replace(out, []byte(graphqlPath), []byte(graphqlPath+serialPath), 1)
	}
	if out, err = format.Source(out); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(out, src) {
		return n, nil
	}
	return n, os.WriteFile(path, out, 0o644)
}

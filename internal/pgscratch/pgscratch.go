// Package pgscratch makes empty PostgreSQL databases for tests, each
// dropped when its test ends. It depends on nothing of Birge's, so that
// the database packages' own tests (which package testdb, built on
// package database, cannot serve) use it too.
package pgscratch

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"testing"

	_ "github.com/lib/pq" // the "postgres" driver
)

// New creates an empty database, named prefix and random hex digits, on
// the PostgreSQL server at serverURL, drops it when t ends, and returns
// its URL.
func New(t testing.TB, serverURL, prefix string) string {
	t.Helper()
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("pgscratch: the test server must be a postgres:// URL")
	}
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		t.Fatalf("pgscratch: open the test server: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	name := prefix + hex.EncodeToString(b)
	// The name is ours (a prefix and hex digits), so it is safe to splice in.
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("pgscratch: create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("pgscratch: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// Package server assembles Birge's HTTP server: configuration, database,
// the GraphQL endpoint, sessions, health checks and the embedded SPA.
package server

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the server's configuration. Every field has a flag and an
// environment fallback (BIRGE_*); the defaults run the portal on an
// embedded SQLite file with demo data, with no setup.
type Config struct {
	Addr        string        // BIRGE_ADDR: listen address
	DatabaseURL string        // BIRGE_DATABASE_URL: file path, sqlite:// or postgres:// URL
	Dev         bool          // BIRGE_DEV: development mode (GraphiQL, introspection, insecure cookies)
	Seed        bool          // BIRGE_SEED: seed demo data when the database is empty
	PublicURL   string        // BIRGE_PUBLIC_URL: the origin browsers use, for CSRF checks and mail links
	LogFormat   string        // BIRGE_LOG_FORMAT: text or json
	ShutdownTTL time.Duration // BIRGE_SHUTDOWN_TIMEOUT: grace period for requests in flight
	SMTPURL     string        // BIRGE_SMTP_URL: smtp://user:pass@host:port?from=..., empty logs mail
}

// DefaultDatabaseURL is the embedded database used when none is given.
const DefaultDatabaseURL = "birge.db"

// ParseFlags reads the configuration from args, falling back to the
// environment, then to the defaults.
func ParseFlags(name string, args []string) (Config, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("BIRGE_ADDR", "127.0.0.1:8080"), "listen address (BIRGE_ADDR)")
	fs.StringVar(&c.DatabaseURL, "database", env("BIRGE_DATABASE_URL", DefaultDatabaseURL), "database: a SQLite file path or sqlite:// URL, or a postgres:// URL (BIRGE_DATABASE_URL)")
	fs.BoolVar(&c.Dev, "dev", envBool("BIRGE_DEV", false), "development mode: GraphiQL, introspection, cookies without Secure (BIRGE_DEV)")
	fs.BoolVar(&c.Seed, "seed", envBool("BIRGE_SEED", true), "seed demo data into an empty database (BIRGE_SEED)")
	fs.StringVar(&c.PublicURL, "public-url", env("BIRGE_PUBLIC_URL", ""), "public origin, e.g. https://birge.example.kz (BIRGE_PUBLIC_URL)")
	fs.StringVar(&c.LogFormat, "log-format", env("BIRGE_LOG_FORMAT", "text"), "log format: text or json (BIRGE_LOG_FORMAT)")
	fs.DurationVar(&c.ShutdownTTL, "shutdown-timeout", envDuration("BIRGE_SHUTDOWN_TIMEOUT", 15*time.Second), "grace period for requests in flight on shutdown (BIRGE_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&c.SMTPURL, "smtp", env("BIRGE_SMTP_URL", ""), "SMTP server for mail, smtp://user:pass@host:port?from=addr; empty writes mail to the log (BIRGE_SMTP_URL)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("log format must be text or json, not %q", c.LogFormat)
	}
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
	}
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err == nil {
			return b
		}
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		d, err := time.ParseDuration(v)
		if err == nil {
			return d
		}
	}
	return def
}

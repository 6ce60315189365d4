// Package server assembles Birge's HTTP server: configuration, database,
// the GraphQL endpoint, sessions, health checks and the embedded SPA.
package server

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"time"
)

// Config is the server's configuration. Every field has a flag and an
// environment fallback (BIRGE_*), but the metrics token, a secret, which
// comes only from the environment; the defaults run the portal on an
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

	RequestTimeout time.Duration // BIRGE_REQUEST_TIMEOUT: deadline of one API request (0: default, <0: none)
	RateLimit      float64       // BIRGE_RATE_LIMIT: API requests a second per client (0: no limit)
	SearchLimit    float64       // BIRGE_SEARCH_LIMIT: searches and exports a minute per client (0: no limit)
	TrustedProxies string        // BIRGE_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed (CIDRs)
	MetricsToken   string        // BIRGE_METRICS_TOKEN (environment only): bearer token for /metrics
	NoPageCache    bool          // BIRGE_PAGE_CACHE=false: execute every query for its viewer, none answered with its role's shared answer (package pagecache)
}

// Defaults of the limits (docs/OPERATIONS.md).
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultRateLimit      = 20 // requests a second, bursts of 10 seconds' worth
	DefaultSearchLimit    = 60 // a minute, bursts of 20
	// MaxBodyBytes is the largest /graphql request body served.
	MaxBodyBytes = 1 << 20
)

// DefaultDatabaseURL is the embedded database used when none is given.
const DefaultDatabaseURL = "birge.db"

// ParseFlags reads the configuration from args, falling back to the
// environment, then to the defaults.
func ParseFlags(name string, args []string) (Config, error) {
	return parseFlags(name, args, os.Stderr, nil)
}

// ParseFlagsWith is ParseFlags for a command with flags of its own,
// which extra defines on the flag set.
func ParseFlagsWith(name string, args []string, extra func(*flag.FlagSet)) (Config, error) {
	return parseFlags(name, args, os.Stderr, extra)
}

func parseFlags(name string, args []string, out io.Writer, extra func(*flag.FlagSet)) (Config, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	if extra != nil {
		extra(fs)
	}
	fs.StringVar(&c.Addr, "addr", env("BIRGE_ADDR", "127.0.0.1:8080"), "listen address (BIRGE_ADDR)")
	// Settings that may hold a password take their environment value after
	// parsing, so that --help never shows it.
	fs.StringVar(&c.DatabaseURL, "database", "", "database: a SQLite file path or sqlite:// URL, or a postgres:// URL without a password (BIRGE_DATABASE_URL; default "+DefaultDatabaseURL+")")
	fs.BoolVar(&c.Dev, "dev", envBool("BIRGE_DEV", false), "development mode: GraphiQL, introspection, cookies without Secure (BIRGE_DEV)")
	fs.BoolVar(&c.Seed, "seed", envBool("BIRGE_SEED", true), "seed demo data into an empty database (BIRGE_SEED)")
	fs.StringVar(&c.PublicURL, "public-url", env("BIRGE_PUBLIC_URL", ""), "public origin, e.g. https://birge.example.kz (BIRGE_PUBLIC_URL)")
	fs.StringVar(&c.LogFormat, "log-format", env("BIRGE_LOG_FORMAT", "text"), "log format: text or json (BIRGE_LOG_FORMAT)")
	fs.DurationVar(&c.ShutdownTTL, "shutdown-timeout", envDuration("BIRGE_SHUTDOWN_TIMEOUT", 15*time.Second), "grace period for requests in flight on shutdown (BIRGE_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&c.SMTPURL, "smtp", "", "SMTP server for mail, smtp://user@host:port?from=addr; give a password only in BIRGE_SMTP_URL; empty writes mail to the log (BIRGE_SMTP_URL)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", envDuration("BIRGE_REQUEST_TIMEOUT", DefaultRequestTimeout), "deadline of one API request (BIRGE_REQUEST_TIMEOUT)")
	fs.Float64Var(&c.RateLimit, "rate-limit", envFloat("BIRGE_RATE_LIMIT", DefaultRateLimit), "API requests a second per client address, 0 for no limit (BIRGE_RATE_LIMIT)")
	fs.Float64Var(&c.SearchLimit, "search-limit", envFloat("BIRGE_SEARCH_LIMIT", DefaultSearchLimit), "searches and exports a minute per client address, 0 for no limit (BIRGE_SEARCH_LIMIT)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("BIRGE_TRUSTED_PROXIES", DefaultTrustedProxies), "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For names the client (BIRGE_TRUSTED_PROXIES)")
	pageCache := fs.Bool("page-cache", envBool("BIRGE_PAGE_CACHE", true), "answer directory queries with their role's answer, kept for 2 s, for the viewers it is theirs (BIRGE_PAGE_CACHE)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.NoPageCache = !*pageCache
	// Secrets only from the environment: a command line is visible to
	// every user of the machine (ps) and often lands in shell history.
	for _, s := range []struct{ flag, env, val string }{{"database", "BIRGE_DATABASE_URL", c.DatabaseURL}, {"smtp", "BIRGE_SMTP_URL", c.SMTPURL}} {
		if hasPassword(s.val) {
			return c, fmt.Errorf("--%s holds a password: give it in the environment (%s) instead", s.flag, s.env)
		}
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = env("BIRGE_DATABASE_URL", DefaultDatabaseURL)
	}
	if c.SMTPURL == "" {
		c.SMTPURL = env("BIRGE_SMTP_URL", "")
	}
	c.MetricsToken = os.Getenv("BIRGE_METRICS_TOKEN")
	if _, err := parseProxies(c.TrustedProxies); err != nil {
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

func envFloat(key string, def float64) float64 {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err == nil {
			return f
		}
	}
	return def
}

// hasPassword reports whether raw is a URL with a password in it.
func hasPassword(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return false
	}
	_, ok := u.User.Password()
	return ok
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

package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"entgo.io/ent/dialect"
	"github.com/shyraq/birge/auth"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/ratelimit"
	"github.com/shyraq/birge/search"
)

// sessionTTL is how long a session lasts at most, signed in or idle.
const sessionTTL = 30 * 24 * time.Hour

// Server is a configured Birge server with its database open.
type Server struct {
	cfg      Config
	db       *database.DB
	logger   *slog.Logger
	auth     *auth.Service
	metrics  *metrics
	proxies  []netip.Prefix
	requests *ratelimit.Limiter // all API requests, per client
	searches *ratelimit.Limiter // searches and exports, per client
	relay    *keep.Relay        // changes to and from other servers (PostgreSQL); nil: none
}

// NewLogger returns the structured logger for format ("text" or "json").
// Lines logged with a request's context carry its request_id.
func NewLogger(format string) *slog.Logger {
	return NewLoggerTo(os.Stderr, format)
}

// NewLoggerTo is NewLogger writing to w (tests keep the log).
func NewLoggerTo(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(contextHandler{slog.NewJSONHandler(w, nil)})
	}
	return slog.New(contextHandler{slog.NewTextHandler(w, nil)})
}

// Open opens and migrates the database, seeding demo data when the
// database is empty and seeding is on.
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Server, error) {
	db, err := database.Open(cfg.DatabaseURL, database.Options{})
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s, err := New(cfg, db, logger)
	if err != nil {
		db.Close()
		return nil, err
	}
	if cfg.Seed {
		if err := s.seedIfEmpty(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	if db.Dialect == dialect.SQLite {
		// Search keys written by an older textkey are renewed on start; the
		// embedded database is small. PostgreSQL installations renew them
		// with `birge migrate` (docs/OPERATIONS.md, upgrades).
		if n, err := search.Rekey(ctx, db.Client); err != nil {
			db.Close()
			return nil, err
		} else if n > 0 {
			logger.Info("renewed search keys", "records", n)
		}
	}
	return s, nil
}

// New returns a server on db, an open and migrated database (tests give
// it one of their own). Close closes db.
func New(cfg Config, db *database.DB, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.Default()
	}
	var mailer auth.Mailer
	if cfg.SMTPURL != "" {
		m, err := auth.NewSMTPMailer(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		mailer = m
	}
	proxies, err := parseProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: db, logger: logger, metrics: newMetrics(db.SQL), proxies: proxies}
	if cfg.RateLimit > 0 {
		s.requests = ratelimit.New(cfg.RateLimit, int(max(50, 10*cfg.RateLimit)))
	}
	if cfg.SearchLimit > 0 {
		s.searches = ratelimit.New(cfg.SearchLimit/60, 20)
	}
	s.auth = auth.New(db.Client, auth.Options{PublicURL: cfg.PublicURL, Mailer: mailer, Logger: logger, AbsoluteTTL: sessionTTL})
	if db.PostgresDSN != "" {
		// Other servers on the same database tell this one of their
		// changes, so that none serves a kept value they made stale.
		if s.relay, err = keep.NewRelay(db.Client, db.SQL, db.PostgresDSN, logger); err != nil {
			return nil, fmt.Errorf("change relay: %w", err)
		}
	}
	return s, nil
}

// Close stops relaying changes and closes the database.
func (s *Server) Close() error {
	return errors.Join(s.relay.Close(), s.db.Close())
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	gql := graph.NewHandler(s.db.Client, graph.Options{
		Introspection: s.cfg.Dev,
		Logger:        s.logger,
		Auth:          s.auth,
		Expensive:     s.searches,
		Observe:       s.metrics.operation,
		ReportMaxAge:  time.Minute,
		NoPageCache:   s.cfg.NoPageCache,
		Relay:         s.relay,
	})
	timeout := s.cfg.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	mux.Handle("/graphql", s.rateLimit(limitBody(s.csrfGuard(withTimeout(timeout, s.withSession(gql))))))
	mux.Handle("/metrics", s.metrics.handler(s.cfg.MetricsToken))
	if s.cfg.Dev {
		mux.Handle("/graphiql", relaxedCSP(playground.Handler("Birge GraphiQL", "/graphql")))
	}
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/readyz", s.ready)
	mux.Handle("/", spa())
	tls := strings.HasPrefix(s.cfg.PublicURL, "https://")
	return clientAddress(s.proxies, logRequests(s.logger, s.metrics, securityHeaders(tls, compress(mux))))
}

// ready answers 200 when the database answers within two seconds.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.db.Ping(ctx); err != nil {
		s.logger.Warn("readiness check failed", "error", err.Error())
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// relaxedCSP lets GraphiQL load its scripts and styles (development only).
func relaxedCSP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self' https: 'unsafe-inline' 'unsafe-eval' data:")
		next.ServeHTTP(w, r)
	})
}

// Serve listens on the configured address until ctx is done, then shuts
// down gracefully: it stops accepting connections and lets requests in
// flight finish within the shutdown timeout.
func (s *Server) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
		s.printDemoSignIns(ctx, os.Stderr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.logger.Info("shutting down", "grace", s.cfg.ShutdownTTL.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTTL)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

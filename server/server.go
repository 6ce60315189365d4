package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/graph"
)

// sessionTTL is how long a session lasts at most, signed in or idle.
const sessionTTL = 30 * 24 * time.Hour

// Server is a configured Birge server with its database open.
type Server struct {
	cfg    Config
	db     *database.DB
	logger *slog.Logger
	auth   *auth.Service
}

// NewLogger returns the structured logger for format ("text" or "json").
func NewLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
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
	var mailer auth.Mailer
	if cfg.SMTPURL != "" {
		if mailer, err = auth.NewSMTPMailer(cfg.SMTPURL); err != nil {
			db.Close()
			return nil, fmt.Errorf("mail: %w", err)
		}
	}
	s := &Server{cfg: cfg, db: db, logger: logger}
	s.auth = auth.New(db.Client, auth.Options{PublicURL: cfg.PublicURL, Mailer: mailer, Logger: logger, AbsoluteTTL: sessionTTL})
	if cfg.Seed {
		if err := s.seedIfEmpty(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// DB is the server's database.
func (s *Server) DB() *database.DB { return s.db }

// Close closes the database.
func (s *Server) Close() error { return s.db.Close() }

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	gql := graph.NewHandler(s.db.Client, graph.Options{
		Introspection: s.cfg.Dev,
		Logger:        s.logger,
		Auth:          s.auth,
	})
	mux.Handle("/graphql", s.csrfGuard(s.withSession(gql)))
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
	return logRequests(s.logger, securityHeaders(tls, compress(mux)))
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

package server

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/shyraq/birge/graph"
)

// maxOperationNames caps the distinct operation names in the metrics:
// clients choose them, so an unbounded set would let anyone grow the
// server's memory and the monitoring system's series.
const maxOperationNames = 200

// overflowName is the operation label of names past the cap or not
// GraphQL names.
const overflowName = "other"

// metrics are the server's Prometheus metrics, on a registry of its own.
type metrics struct {
	registry *prometheus.Registry

	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	operations *prometheus.CounterVec
	opLatency  *prometheus.HistogramVec
	limited    *prometheus.CounterVec
	shared     *prometheus.CounterVec
	mu         sync.Mutex
	opNames    map[string]bool
}

func newMetrics(db *sql.DB) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "birge_http_requests_total",
			Help: "HTTP requests served, by route and status code.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "birge_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "birge_graphql_operations_total",
			Help: "GraphQL operations, by operation name, type and the code of the first error (OK when none).",
		}, []string{"operation", "type", "code"}),
		opLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "birge_graphql_operation_duration_seconds",
			Help:    "Time to answer a GraphQL operation, by operation name and type.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation", "type"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "birge_rate_limited_total",
			Help: "Requests refused by a per-client rate limit, by limit.",
		}, []string{"limit"}),
		shared: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "birge_graphql_shared_answers_total",
			Help: "Queries answered with their role's answer (package pagecache), by source: kept (from a kept answer) or computed (for this query).",
		}, []string{"source"}),
		opNames: map[string]bool{},
	}
	version := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		version = bi.Main.Version
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "birge_build_info",
		Help: "Always 1; the labels say which build is running.",
	}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	m.registry.MustRegister(
		m.requests, m.latency, m.operations, m.opLatency, m.limited, m.shared, build,
		collectors.NewDBStatsCollector(db, "birge"),
		collectors.NewBuildInfoCollector(),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// route maps a path to the few routes the metrics know, so that random
// paths cannot create series.
func route(path string) string {
	switch path {
	case "/graphql", "/graphiql", "/healthz", "/readyz", "/metrics":
		return path
	}
	if strings.HasPrefix(path, "/assets/") {
		return "/assets"
	}
	return "/"
}

func (m *metrics) request(path string, status int, seconds float64) {
	if m == nil {
		return
	}
	r := route(path)
	m.requests.WithLabelValues(r, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(r).Observe(seconds)
}

func (m *metrics) rateLimited(limit string) {
	if m != nil {
		m.limited.WithLabelValues(limit).Inc()
	}
}

// operation records one GraphQL operation.
func (m *metrics) operation(_ context.Context, op graph.Operation) {
	if m == nil {
		return
	}
	name := m.operationName(op.Name)
	typ := op.Type
	if typ == "" {
		typ = "invalid"
	}
	code := op.Code
	if code == "" {
		code = "OK"
	}
	m.operations.WithLabelValues(name, typ, code).Inc()
	if op.Answer != "" {
		m.shared.WithLabelValues(string(op.Answer)).Inc()
	}
	if op.Duration >= 0 {
		m.opLatency.WithLabelValues(name, typ).Observe(op.Duration.Seconds())
	}
}

// operationName returns name if it is a GraphQL name and there is room for
// it, "anonymous" for none and "other" past the cap.
func (m *metrics) operationName(name string) string {
	if name == "" {
		return "anonymous"
	}
	if len(name) > 64 || !isGraphQLName(name) {
		return overflowName
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.opNames[name] {
		return name
	}
	if len(m.opNames) >= maxOperationNames {
		return overflowName
	}
	m.opNames[name] = true
	return name
}

func isGraphQLName(s string) bool {
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// handler serves the metrics, behind a bearer token when one is set
// (BIRGE_METRICS_TOKEN).
func (m *metrics) handler(token string) http.Handler {
	// The server's own gzip compresses the answer; promhttp's would
	// compress it a second time for a scraper that asks for gzip.
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{DisableCompression: true})
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

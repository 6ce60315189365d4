package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ratelimit"
)

// DefaultTrustedProxies trusts a reverse proxy on the same machine (the
// deployment docs/OPERATIONS.md describes).
const DefaultTrustedProxies = "127.0.0.0/8,::1/128"

// parseProxies reads a comma-separated list of addresses and CIDRs.
func parseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is neither an address nor a CIDR", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// clientAddress finds the client's address: the connection's peer, or,
// when the peer is a trusted proxy, the last address in X-Forwarded-For
// that is not a trusted proxy itself. It rewrites r.RemoteAddr to it (so
// that the sign-in limits see clients, not the proxy) and puts the
// client's rate-limit key in the context.
func clientAddress(trusted []netip.Prefix, next http.Handler) http.Handler {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peer, err := netip.ParseAddrPort(r.RemoteAddr)
		if err == nil && isTrusted(peer.Addr().Unmap()) {
			if client, ok := forwardedClient(r.Header.Values("X-Forwarded-For"), isTrusted); ok {
				r.RemoteAddr = netip.AddrPortFrom(client, 0).String()
				peer = netip.AddrPortFrom(client, 0)
			}
		}
		key := r.RemoteAddr
		if err == nil {
			key = clientKey(peer.Addr())
		}
		next.ServeHTTP(w, r.WithContext(ratelimit.NewContext(r.Context(), key)))
	})
}

// forwardedClient walks X-Forwarded-For from the right (the entries our
// proxies added) to the first address that is not a trusted proxy.
func forwardedClient(headers []string, isTrusted func(netip.Addr) bool) (netip.Addr, bool) {
	var hops []string
	for _, h := range headers {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return netip.Addr{}, false
		}
		a = a.Unmap()
		if !isTrusted(a) {
			return a, true
		}
	}
	return netip.Addr{}, false
}

// clientKey is the rate-limit key of an address: IPv4 addresses as they
// are, IPv6 addresses by their /64 network, which one user usually holds
// whole.
func clientKey(a netip.Addr) string {
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// rateLimit answers 429 with Retry-After when a client sends API requests
// faster than its bucket refills.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.requests == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.requests.Allow(ratelimit.ClientFromContext(r.Context()), time.Now()); !ok {
			secs := ratelimit.RetrySeconds(wait)
			s.metrics.rateLimited("requests")
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeError(w, http.StatusTooManyRequests, apierror.RateLimited,
				fmt.Sprintf("too many requests; try again in %d seconds", secs), map[string]any{"retryAfter": secs})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody reads a request's body up to MaxBodyBytes, answering 413 for
// larger ones, and refuses a POST body that is not a JSON object of the
// GraphQL request's shape with 400 and a code (the GraphQL transport
// would answer without one).
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			tooLarge(w)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			if errors.As(err, new(*http.MaxBytesError)) {
				tooLarge(w)
				return
			}
			writeError(w, http.StatusBadRequest, apierror.BadRequest, "the request body could not be read", nil)
			return
		}
		if r.Method == http.MethodPost {
			var shape struct {
				Query         string         `json:"query"`
				OperationName string         `json:"operationName"`
				Variables     map[string]any `json:"variables"`
				Extensions    map[string]any `json:"extensions"`
			}
			if err := json.Unmarshal(body, &shape); err != nil {
				writeError(w, http.StatusBadRequest, apierror.BadRequest,
					"the request body is not a GraphQL request: a JSON object with query, operationName, variables and extensions", nil)
				return
			}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	writeError(w, http.StatusRequestEntityTooLarge, apierror.PayloadTooLarge,
		fmt.Sprintf("the request body is larger than %d KiB", MaxBodyBytes>>10), nil)
}

// withTimeout gives each request a deadline; the GraphQL layer answers a
// request past it with the code TIMEOUT.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writeError answers with a GraphQL-shaped error body with a code.
func writeError(w http.ResponseWriter, status int, code, msg string, ext map[string]any) {
	e := map[string]any{"code": code}
	for k, v := range ext {
		e[k] = v
	}
	body, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": e}}})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

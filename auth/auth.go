// Package auth is how people get into Birge: accounts, passwords,
// sessions, invitations, password resets, and the mail that carries
// invitation codes and reset links.
//
// Passwords are hashed with argon2id. Sessions live in the database (only
// the SHA-256 hash of each random token is stored), so any number of
// server instances share them; the token itself travels in the
// sessioncookie.Name cookie. Registration is by invitation only: an invitation is
// a single-use, expiring code of which only the hash is stored, and so is
// a password reset token.
//
// Sign-in attempts are rate-limited per account (5 failures in 15 minutes)
// and per remote address (20 failures in 15 minutes). That state is kept
// in memory, per server instance: with several instances behind a load
// balancer each counts on its own, so the effective limit is multiplied
// by the number of instances. Memory stays bounded: old entries are
// evicted, and the number of tracked keys is capped.
//
// Errors meant for the person at the keyboard are *apierror.Error values
// with plain messages; every other error is internal and the API reports
// it without details. Nothing here reveals whether an email address has an
// account, except to the holder of a valid invitation code for it.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/viewer"
)

// Options configure a Service. Zero values take the defaults.
type Options struct {
	PublicURL   string        // e.g. http://127.0.0.1:8080, for links in mail
	Mailer      Mailer        // nil: a LogMailer on Logger
	Logger      *slog.Logger  // nil: slog.Default()
	IdleTTL     time.Duration // default 7 days
	AbsoluteTTL time.Duration // default 30 days
	InviteTTL   time.Duration // default 14 days
	ResetTTL    time.Duration // default 1 hour
	Now         func() time.Time
}

// The defaults of Options.
const (
	DefaultIdleTTL     = 7 * 24 * time.Hour
	DefaultAbsoluteTTL = 30 * 24 * time.Hour
	DefaultInviteTTL   = 14 * 24 * time.Hour
	DefaultResetTTL    = time.Hour
)

// Limits of sign-in attempts.
const (
	accountFailures = 5
	addressFailures = 20
	failureWindow   = 15 * time.Minute
	// resetMails is how many reset mails one address receives per window.
	resetMails  = 3
	resetWindow = time.Hour
	// touchEvery is how often Authenticate records that a session was used.
	touchEvery = time.Minute
)

// Service signs people in and out, and runs invitations and password
// resets. It is safe for concurrent use.
type Service struct {
	client *ent.Client
	opts   Options
	mailer Mailer
	log    *slog.Logger
	now    func() time.Time

	accounts  *limiter // sign-in failures per email address
	addresses *limiter // sign-in failures per remote address
	resets    *limiter // reset mails per email address

	dummyHash string         // verified against when an email has no account
	mailWG    sync.WaitGroup // background mail (password resets)
}

// New returns a Service on client.
func New(client *ent.Client, opts Options) *Service {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Mailer == nil {
		opts.Mailer = NewLogMailer(opts.Logger)
	}
	if opts.IdleTTL <= 0 {
		opts.IdleTTL = DefaultIdleTTL
	}
	if opts.AbsoluteTTL <= 0 {
		opts.AbsoluteTTL = DefaultAbsoluteTTL
	}
	if opts.InviteTTL <= 0 {
		opts.InviteTTL = DefaultInviteTTL
	}
	if opts.ResetTTL <= 0 {
		opts.ResetTTL = DefaultResetTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.PublicURL = strings.TrimRight(opts.PublicURL, "/")
	s := &Service{
		client:    client,
		opts:      opts,
		mailer:    opts.Mailer,
		log:       opts.Logger,
		now:       opts.Now,
		accounts:  newLimiter(accountFailures, failureWindow),
		addresses: newLimiter(addressFailures, failureWindow),
		resets:    newLimiter(resetMails, resetWindow),
	}
	// A hash of a random password, so that signing in with an unknown
	// email costs as much as with a known one.
	s.dummyHash = mustHash(randomToken(16))
	return s
}

// system returns ctx for the service's own reads and writes: the system
// viewer, with privacy policies decided in advance. Callers' permissions
// are checked explicitly before such work.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(viewer.SystemContext(ctx), privacy.Allow)
}

// randomBytes returns n bytes from crypto/rand.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on supported platforms.
		panic(fmt.Sprintf("auth: crypto/rand: %v", err))
	}
	return b
}

// randomToken returns n random bytes, base64url-encoded without padding.
func randomToken(n int) string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(n))
}

// hashToken is what is stored of a token: its SHA-256.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// normalizeEmail trims an email address and lowers its case.
func normalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// validateEmail checks a normalized email address.
func validateEmail(email string) error {
	const msg = "email: must be an email address like name@example.com"
	if email == "" {
		return apierror.Input("email: must not be empty")
	}
	if utf8.RuneCountInString(email) > 254 {
		return apierror.Input("email: must be at most 254 characters")
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return apierror.Input(msg)
	}
	at := strings.LastIndexByte(email, '@')
	if at <= 0 || at == len(email)-1 || strings.ContainsAny(email, " \t\r\n<>\"") {
		return apierror.Input(msg)
	}
	if !strings.Contains(email[at+1:], ".") {
		return apierror.Input(msg)
	}
	return nil
}

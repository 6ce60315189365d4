package auth

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"net"
	"net/netip"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/session"
	"github.com/shyraq/birge/viewer"
)

// ErrNoSession is returned by Authenticate for a token that names no
// valid session: unknown, signed out, or expired. The request goes on as
// an anonymous visitor, or, where it needs one, fails with this error.
var ErrNoSession error = &apierror.Error{
	Code:    apierror.Unauthenticated,
	Message: "your session has ended; please sign in again",
}

var errBadCredentials = &apierror.Error{
	Code:    apierror.Unauthenticated,
	Message: "email or password is incorrect",
}

// SignIn checks an email address (trimmed, any case) and password and
// opens a session. It returns the session token, for the sessioncookie.Name
// cookie, and the account.
//
// Wrong email and wrong password fail alike, with UNAUTHENTICATED "email or
// password is incorrect", and take about as long. Failures are counted per
// email address (5 in 15 minutes) and per remote address (20 in 15
// minutes); past that, attempts fail with RATE_LIMITED until the window
// has passed, even with the right password.
func (s *Service) SignIn(ctx context.Context, email, password, remoteAddr string) (string, *ent.Account, error) {
	email = normalizeEmail(email)
	addr := addressKey(remoteAddr)
	now := s.now()

	// Count the attempt before checking it, so that concurrent attempts
	// cannot slip past the limit; a success takes it back.
	if ok, wait := s.accounts.take(email, now); !ok {
		return "", nil, rateLimited("sign-in", wait)
	}
	if ok, wait := s.addresses.take(addr, now); !ok {
		s.accounts.undo(email, now)
		return "", nil, rateLimited("sign-in", wait)
	}

	sys := system(ctx)
	var acc *ent.Account
	if email != "" && len(email) <= 254 {
		found, err := s.client.Account.Query().
			Where(account.EmailEqualFold(email)).
			Order(account.ByID()).
			First(sys)
		switch {
		case ent.IsNotFound(err):
		case err != nil:
			s.accounts.undo(email, now)
			s.addresses.undo(addr, now)
			return "", nil, fmt.Errorf("auth: sign in: find account: %w", err)
		default:
			acc = found
		}
	}
	if acc == nil {
		VerifyPassword(s.dummyHash, password) // same cost as a real check
		return "", nil, errBadCredentials
	}
	if !VerifyPassword(acc.PasswordHash, password) {
		return "", nil, errBadCredentials
	}
	s.accounts.reset(email)
	s.addresses.undo(addr, now)

	token, err := s.newSession(sys, s.client, acc.ID, now)
	if err != nil {
		return "", nil, err
	}
	acc, err = s.client.Account.UpdateOneID(acc.ID).SetLastSignInAt(now).Save(sys)
	if err != nil {
		return "", nil, fmt.Errorf("auth: sign in: record time: %w", err)
	}
	return token, acc, nil
}

// rateLimited is the error of a refused attempt ("sign-in", "password").
func rateLimited(what string, wait time.Duration) error {
	minutes := int((wait + time.Minute - 1) / time.Minute)
	if minutes < 1 {
		minutes = 1
	}
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return apierror.New(apierror.RateLimited, "too many %s attempts; try again in %d %s", what, minutes, unit)
}

// addressKey is the key of a remote address for rate limiting: its IP
// without the port; IPv6 addresses by their /64 network, which one user
// usually holds whole.
func addressKey(remoteAddr string) string {
	host := remoteAddr
	if h, _, err := net.SplitHostPort(remoteAddr); err == nil {
		host = h
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is6() {
		if p, err := ip.Prefix(64); err == nil {
			return p.String()
		}
	}
	return ip.String()
}

// newSession stores a session for accountID, using client (the service's
// or a transaction's), and returns its token. It also clears the account's
// expired sessions.
func (s *Service) newSession(ctx context.Context, client *ent.Client, accountID int, now time.Time) (string, error) {
	token := randomToken(32)
	err := client.Session.Create().
		SetTokenHash(hashToken(token)).
		SetCreatedAt(now).
		SetLastSeenAt(now).
		SetExpiresAt(now.Add(s.opts.AbsoluteTTL)).
		SetAccountID(accountID).
		Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("auth: create session: %w", err)
	}
	_, err = client.Session.Delete().
		Where(
			session.AccountID(accountID),
			session.Or(session.ExpiresAtLTE(now), session.LastSeenAtLT(now.Add(-s.opts.IdleTTL))),
		).
		Exec(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "auth: clearing expired sessions failed", "account", accountID, "error", err)
	}
	return token, nil
}

// sessionRow is what Authenticate reads: a session with its account's
// role and organization and the id of the account's person.
type sessionRow struct {
	ID             int              `sql:"id"`
	AccountID      int              `sql:"account_id"`
	LastSeenAt     time.Time        `sql:"last_seen_at"`
	ExpiresAt      time.Time        `sql:"expires_at"`
	Role           string           `sql:"auth_role"`
	OrganizationID stdsql.NullInt64 `sql:"auth_organization_id"`
	PersonID       stdsql.NullInt64 `sql:"auth_person_id"`
}

// Authenticate returns the viewer of a session token, or ErrNoSession if
// the token names no session or the session has expired: idle for longer
// than IdleTTL, or older than AbsoluteTTL. It reads the session, its
// account and the account's person in one statement, and records the
// session's use at most once a minute.
func (s *Service) Authenticate(ctx context.Context, token string) (viewer.Viewer, error) {
	if token == "" || len(token) > 128 {
		return viewer.Viewer{}, ErrNoSession
	}
	sys := system(ctx)
	// Join accounts and persons onto sessions, so that one statement
	// answers (ent's eager loading would take three). The join gives the
	// tables aliases, which the selected columns then use.
	var a, p *sql.SelectTable
	joined := func(sel *sql.Selector) {
		b := sql.Dialect(sel.Dialect())
		a, p = b.Table(account.Table), b.Table(person.Table)
		sel.Join(a).On(sel.C(session.FieldAccountID), a.C(account.FieldID)).
			LeftJoin(p).On(a.C(account.FieldID), p.C(person.AccountColumn))
	}
	column := func(table **sql.SelectTable, col, as string) ent.AggregateFunc {
		return func(*sql.Selector) string { return sql.As((*table).C(col), as) }
	}
	var rows []sessionRow
	err := s.client.Session.Query().
		Where(session.TokenHash(hashToken(token)), joined).
		Select(session.FieldID, session.FieldAccountID, session.FieldLastSeenAt, session.FieldExpiresAt).
		Aggregate(
			column(&a, account.FieldRole, "auth_role"),
			column(&a, account.FieldOrganizationID, "auth_organization_id"),
			column(&p, person.FieldID, "auth_person_id"),
		).
		Scan(sys, &rows)
	if err != nil {
		return viewer.Viewer{}, fmt.Errorf("auth: read session: %w", err)
	}
	if len(rows) != 1 {
		return viewer.Viewer{}, ErrNoSession
	}
	r := rows[0]
	now := s.now()
	if !now.Before(r.ExpiresAt) || now.Sub(r.LastSeenAt) > s.opts.IdleTTL {
		if err := s.client.Session.DeleteOneID(r.ID).Exec(sys); err != nil && !ent.IsNotFound(err) {
			s.log.WarnContext(ctx, "auth: deleting an expired session failed", "error", err)
		}
		return viewer.Viewer{}, ErrNoSession
	}
	if now.Sub(r.LastSeenAt) >= touchEvery {
		err := s.client.Session.Update().
			Where(session.ID(r.ID)).
			SetLastSeenAt(now).
			Exec(sys)
		if err != nil {
			// The session stays valid; its idle time is counted from
			// the previous touch.
			s.log.WarnContext(ctx, "auth: recording session use failed", "error", err)
		}
	}
	return viewer.Viewer{
		AccountID:      r.AccountID,
		PersonID:       int(r.PersonID.Int64),
		OrganizationID: int(r.OrganizationID.Int64),
		Role:           viewer.Role(r.Role),
		SessionID:      r.ID,
	}, nil
}

// SignOut ends the session of token. Signing out of a session that does
// not exist (any more) is not an error.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	_, err := s.client.Session.Delete().Where(session.TokenHash(hashToken(token))).Exec(system(ctx))
	if err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	return nil
}

// SignOutEverywhere ends all sessions of the account.
func (s *Service) SignOutEverywhere(ctx context.Context, accountID int) error {
	_, err := s.client.Session.Delete().Where(session.AccountID(accountID)).Exec(system(ctx))
	if err != nil {
		return fmt.Errorf("auth: sign out everywhere: %w", err)
	}
	return nil
}

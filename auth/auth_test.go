package auth_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/session"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

const publicURL = "http://birge.test"

// clock is a time the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type env struct {
	t       *testing.T
	ctx     context.Context
	db      *database.DB
	counter *database.Counter
	svc     *auth.Service
	mail    *auth.LogMailer
	clock   *clock

	staff, admin *ent.Account
}

const (
	staffEmail    = "staff@example.org"
	staffPassword = "correct horse battery"
	adminEmail    = "admin@example.org"
	adminPassword = "admin staple battery"
)

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, ctx: ctx, clock: &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}}
	// SQLite in memory; PostgreSQL when BIRGE_TEST_DATABASE_URL is set.
	db, counter := testdb.OpenCounted(t)
	e.counter = counter
	e.db = db
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.mail = auth.NewLogMailer(logger)
	e.svc = auth.New(db.Client, auth.Options{
		PublicURL: publicURL + "/",
		Mailer:    e.mail,
		Logger:    logger,
		Now:       e.clock.Now,
	})
	e.staff = e.account(staffEmail, staffPassword, account.RoleSTAFF)
	e.admin = e.account(adminEmail, adminPassword, account.RoleADMIN)
	return e
}

// account creates an account with a person, as the system.
func (e *env) account(email, password string, role account.Role) *ent.Account {
	e.t.Helper()
	sys := viewer.SystemContext(e.ctx)
	hash, err := auth.HashPassword(password)
	if err != nil {
		e.t.Fatal(err)
	}
	p := e.db.Client.Person.Create().SetGivenName("Aigerim").SetFamilyName(string(role)).SaveX(sys)
	return e.db.Client.Account.Create().
		SetEmail(email).SetPasswordHash(hash).SetRole(role).SetPerson(p).
		SaveX(sys)
}

// as returns a context of a signed-in viewer of acc.
func (e *env) as(acc *ent.Account, password string) context.Context {
	e.t.Helper()
	token, _, err := e.svc.SignIn(e.ctx, acc.Email, password, "192.0.2.1:5000")
	if err != nil {
		e.t.Fatalf("sign in %s: %v", acc.Email, err)
	}
	v, err := e.svc.Authenticate(e.ctx, token)
	if err != nil {
		e.t.Fatalf("authenticate %s: %v", acc.Email, err)
	}
	return viewer.NewContext(e.ctx, v)
}

// code returns the apierror code of err ("" if it is none).
func code(err error) string {
	var a *apierror.Error
	if errors.As(err, &a) {
		return a.Code
	}
	return ""
}

func wantCode(t *testing.T, err error, want, msgPart string) {
	t.Helper()
	if got := code(err); got != want {
		t.Fatalf("error = %v (code %q), want code %s", err, got, want)
	}
	if !strings.Contains(err.Error(), msgPart) {
		t.Fatalf("error = %q, want it to contain %q", err.Error(), msgPart)
	}
}

func TestHashAndVerify(t *testing.T) {
	h, err := auth.HashPassword("a long passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the expected parameters", h)
	}
	if !auth.VerifyPassword(h, "a long passphrase") {
		t.Error("the right password did not verify")
	}
	if auth.VerifyPassword(h, "a long passphrasE") {
		t.Error("a wrong password verified")
	}
	h2, _ := auth.HashPassword("a long passphrase")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt?")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$xx$yy", strings.Replace(h, "m=19456", "m=99999999", 1)} {
		if auth.VerifyPassword(bad, "a long passphrase") {
			t.Errorf("malformed hash %q verified", bad)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	for _, tc := range []struct{ pw, msg string }{
		{"short", "at least 10 characters"},
		{"абвгдеёжз", "at least 10 characters"}, // 9 characters, 18 bytes
		{strings.Repeat("ab", 101), "at most 200 characters"},
		{"Someone@Example.org", "must not be your email"},
		{"someone-at", ""},
		{"aaaaaaaaaaaa", "one character repeated"},
		{"1234567890", "too common"},
		{"Password123", "too common"},
		{"ЙЦУКЕНГШЩЗ", "too common"},
		{"green tea at noon", ""},
	} {
		err := auth.ValidatePassword(tc.pw, "someone@example.org")
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tc.pw, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q accepted, want %q", tc.pw, tc.msg)
			continue
		}
		wantCode(t, err, apierror.BadUserInput, tc.msg)
		if !strings.HasPrefix(err.Error(), "password: ") {
			t.Errorf("%q: message %q does not name the field", tc.pw, err)
		}
	}
}

func TestSignIn(t *testing.T) {
	e := setup(t)
	token, acc, err := e.svc.SignIn(e.ctx, "  Staff@Example.ORG ", staffPassword, "192.0.2.1:1234")
	if err != nil {
		t.Fatal(err)
	}
	if token == "" || acc.ID != e.staff.ID || acc.LastSignInAt == nil || !acc.LastSignInAt.Equal(e.clock.Now()) {
		t.Fatalf("SignIn = %q, %+v", token, acc)
	}
	// Only the token's hash is stored.
	stored := e.db.Client.Session.Query().OnlyX(viewer.SystemContext(e.ctx))
	if strings.Contains(string(stored.TokenHash), token) || len(stored.TokenHash) != 32 {
		t.Errorf("stored token hash looks wrong: %d bytes", len(stored.TokenHash))
	}

	_, _, wrongPw := e.svc.SignIn(e.ctx, staffEmail, "not the password", "192.0.2.1:1234")
	wantCode(t, wrongPw, apierror.Unauthenticated, "email or password is incorrect")
	_, _, unknown := e.svc.SignIn(e.ctx, "nobody@example.org", staffPassword, "192.0.2.1:1234")
	wantCode(t, unknown, apierror.Unauthenticated, "email or password is incorrect")
	if wrongPw.Error() != unknown.Error() {
		t.Errorf("messages differ: %q vs %q", wrongPw, unknown)
	}
}

func TestSignInRateLimitPerAccount(t *testing.T) {
	e := setup(t)
	for i := range 5 {
		_, _, err := e.svc.SignIn(e.ctx, staffEmail, "wrong password", fmt.Sprintf("198.51.100.%d:1", i))
		wantCode(t, err, apierror.Unauthenticated, "incorrect")
	}
	// Even the right password, from yet another address, is refused now.
	_, _, err := e.svc.SignIn(e.ctx, "STAFF@example.org", staffPassword, "198.51.100.99:1")
	wantCode(t, err, apierror.RateLimited, "too many sign-in attempts; try again in 15 minutes")
	// Other accounts are not affected.
	if _, _, err := e.svc.SignIn(e.ctx, adminEmail, adminPassword, "198.51.100.99:1"); err != nil {
		t.Fatalf("admin: %v", err)
	}
	// Unknown emails are limited alike (no enumeration by the limit).
	for range 5 {
		e.svc.SignIn(e.ctx, "ghost@example.org", "x", "203.0.113.50:1")
	}
	_, _, err = e.svc.SignIn(e.ctx, "ghost@example.org", "x", "203.0.113.51:1")
	wantCode(t, err, apierror.RateLimited, "try again")

	e.clock.Advance(14 * time.Minute)
	_, _, err = e.svc.SignIn(e.ctx, staffEmail, staffPassword, "198.51.100.99:1")
	wantCode(t, err, apierror.RateLimited, "try again in 1 minute")
	e.clock.Advance(time.Minute)
	if _, _, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "198.51.100.99:1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestSignInRateLimitPerAddress(t *testing.T) {
	e := setup(t)
	for i := range 20 {
		_, _, err := e.svc.SignIn(e.ctx, fmt.Sprintf("user%d@example.org", i), "wrong password", fmt.Sprintf("203.0.113.7:%d", 1000+i))
		wantCode(t, err, apierror.Unauthenticated, "incorrect")
	}
	_, _, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "203.0.113.7:9999")
	wantCode(t, err, apierror.RateLimited, "too many sign-in attempts")
	// IPv6: one /64 counts as one address.
	for i := range 20 {
		e.svc.SignIn(e.ctx, fmt.Sprintf("v6user%d@example.org", i), "wrong password", fmt.Sprintf("[2001:db8:1:2::%x]:443", i+1))
	}
	_, _, err = e.svc.SignIn(e.ctx, staffEmail, staffPassword, "[2001:db8:1:2:ffff::1]:443")
	wantCode(t, err, apierror.RateLimited, "too many sign-in attempts")
	// Another address signs in; the refused attempts did not count
	// against the account.
	if _, _, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.200:1"); err != nil {
		t.Fatalf("other address: %v", err)
	}
}

func TestAuthenticate(t *testing.T) {
	e := setup(t)
	token, acc, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	personID := acc.QueryPerson().OnlyIDX(viewer.SystemContext(e.ctx))

	e.counter.Reset()
	v, err := e.svc.Authenticate(e.ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if n := e.counter.Count(); n != 1 {
		t.Errorf("Authenticate sent %d statements, want 1", n)
	}
	if v.AccountID != acc.ID || v.PersonID != personID || v.Role != viewer.RoleStaff || v.SessionID == 0 || v.OrganizationID != 0 || v.System {
		t.Errorf("viewer = %+v", v)
	}

	for _, bad := range []string{"", "nonsense", strings.Repeat("x", 43), token + "x"} {
		if _, err := e.svc.Authenticate(e.ctx, bad); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("Authenticate(%q) = %v, want ErrNoSession", bad, err)
		}
	}

	// Use is recorded at most once a minute.
	sys := viewer.SystemContext(e.ctx)
	e.clock.Advance(30 * time.Second)
	e.svc.Authenticate(e.ctx, token)
	if s := e.db.Client.Session.GetX(sys, v.SessionID); !s.LastSeenAt.Equal(e.clock.Now().Add(-30 * time.Second)) {
		t.Errorf("last seen touched within a minute: %v", s.LastSeenAt)
	}
	e.clock.Advance(time.Minute)
	e.svc.Authenticate(e.ctx, token)
	if s := e.db.Client.Session.GetX(sys, v.SessionID); !s.LastSeenAt.Equal(e.clock.Now()) {
		t.Errorf("last seen = %v, want %v", s.LastSeenAt, e.clock.Now())
	}

	// Idle expiry: 7 days without use.
	e.clock.Advance(7*24*time.Hour + time.Minute)
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, auth.ErrNoSession) {
		t.Errorf("idle session: %v, want ErrNoSession", err)
	}
	wantCode(t, auth.ErrNoSession, apierror.Unauthenticated, "sign in")
}

func TestAuthenticateAbsoluteExpiry(t *testing.T) {
	e := setup(t)
	token, _, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	// Used every day, it lives 30 days and no longer.
	for day := 1; day < 30; day++ {
		e.clock.Advance(24 * time.Hour)
		if _, err := e.svc.Authenticate(e.ctx, token); err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
	}
	e.clock.Advance(24 * time.Hour)
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("day 30: %v, want ErrNoSession", err)
	}
}

func TestSignOut(t *testing.T) {
	e := setup(t)
	t1, _, _ := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.1:1")
	t2, _, _ := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.2:1")
	t3, _, _ := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.3:1")
	tAdmin, _, _ := e.svc.SignIn(e.ctx, adminEmail, adminPassword, "192.0.2.3:1")

	if err := e.svc.SignOut(e.ctx, t1); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authenticate(e.ctx, t1); !errors.Is(err, auth.ErrNoSession) {
		t.Errorf("signed-out session: %v", err)
	}
	if _, err := e.svc.Authenticate(e.ctx, t2); err != nil {
		t.Errorf("other session after sign-out: %v", err)
	}
	if err := e.svc.SignOut(e.ctx, t1); err != nil {
		t.Errorf("signing out twice: %v", err)
	}

	if err := e.svc.SignOutEverywhere(e.ctx, e.staff.ID); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{t2, t3} {
		if _, err := e.svc.Authenticate(e.ctx, tok); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("session after sign-out everywhere: %v", err)
		}
	}
	if _, err := e.svc.Authenticate(e.ctx, tAdmin); err != nil {
		t.Errorf("another account's session: %v", err)
	}
}

var codeInMail = regexp.MustCompile(`/register\?code=([A-Z2-7-]+)`)

func TestInvite(t *testing.T) {
	e := setup(t)
	staffCtx := e.as(e.staff, staffPassword)
	adminCtx := e.as(e.admin, adminPassword)

	code, inv, err := e.svc.Invite(staffCtx, auth.InviteInput{Email: " Alum@Example.org ", Role: account.RoleMEMBER})
	if err != nil {
		t.Fatal(err)
	}
	if inv.Email != "alum@example.org" || inv.CreatedByID != e.staff.ID || !inv.ExpiresAt.Equal(e.clock.Now().Add(14*24*time.Hour)) {
		t.Errorf("invitation = %+v", inv)
	}
	if strings.Contains(string(inv.CodeHash), code) {
		t.Error("the code is stored in the clear")
	}
	out := e.mail.Outbox()
	if len(out) != 1 || out[0].To != "alum@example.org" {
		t.Fatalf("outbox = %+v", out)
	}
	if !strings.Contains(out[0].Body, publicURL+"/register?code="+url.QueryEscape(code)) || !strings.Contains(out[0].Body, code) {
		t.Errorf("mail does not carry the code %s and link:\n%s", code, out[0].Body)
	}

	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "trainer@example.org", Role: account.RoleSTAFF})
	wantCode(t, err, apierror.Forbidden, "only admins")
	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "boss@example.org", Role: account.RoleADMIN})
	wantCode(t, err, apierror.Forbidden, "only admins")
	if _, _, err := e.svc.Invite(adminCtx, auth.InviteInput{Email: "trainer@example.org", Role: account.RoleSTAFF}); err != nil {
		t.Errorf("admin invites staff: %v", err)
	}

	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "partner@example.org", Role: account.RolePARTNER})
	wantCode(t, err, apierror.BadUserInput, "organization")
	missing := 9999
	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "partner@example.org", Role: account.RolePARTNER, OrganizationID: &missing})
	wantCode(t, err, apierror.BadUserInput, "organization: there is no such organization")
	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "not an email", Role: account.RoleMEMBER})
	wantCode(t, err, apierror.BadUserInput, "email: ")
	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "Staff@example.org", Role: account.RoleMEMBER})
	wantCode(t, err, apierror.BadUserInput, "email: an account")
	_, _, err = e.svc.Invite(staffCtx, auth.InviteInput{Email: "x@example.org", Role: "GUEST"})
	wantCode(t, err, apierror.BadUserInput, "role: ")

	_, _, err = e.svc.Invite(e.ctx, auth.InviteInput{Email: "x@example.org", Role: account.RoleMEMBER})
	wantCode(t, err, apierror.Unauthenticated, "sign in")
	member := e.account("member@example.org", "member password 1", account.RoleMEMBER)
	_, _, err = e.svc.Invite(e.as(member, "member password 1"), auth.InviteInput{Email: "x@example.org", Role: account.RoleMEMBER})
	wantCode(t, err, apierror.Forbidden, "only staff")
}

// invite sends an invitation as staff and returns its code.
func (e *env) invite(in auth.InviteInput) string {
	e.t.Helper()
	code, _, err := e.svc.Invite(e.as(e.admin, adminPassword), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

func TestRegister(t *testing.T) {
	e := setup(t)
	sys := viewer.SystemContext(e.ctx)
	e.invite(auth.InviteInput{Email: "alum@example.org", Role: account.RoleMEMBER})
	m := codeInMail.FindStringSubmatch(e.mail.Outbox()[0].Body)
	if m == nil {
		t.Fatal("no code in the invitation mail")
	}
	code := m[1]

	in := auth.RegisterInput{Code: code, Email: "alum@example.org", Password: "my own passphrase", GivenName: " Dana ", FamilyName: "Seitkali", Locale: account.LocaleKk}

	bad := in
	bad.Email = "someone.else@example.org"
	_, _, err := e.svc.Register(e.ctx, bad)
	wantCode(t, err, apierror.BadUserInput, "email: this is not the email address")
	bad = in
	bad.Password = "1234567890"
	_, _, err = e.svc.Register(e.ctx, bad)
	wantCode(t, err, apierror.BadUserInput, "password: ")
	bad = in
	bad.GivenName = "  "
	_, _, err = e.svc.Register(e.ctx, bad)
	wantCode(t, err, apierror.BadUserInput, "givenName: must not be empty")
	bad = in
	bad.Code = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
	_, _, err = e.svc.Register(e.ctx, bad)
	wantCode(t, err, apierror.BadUserInput, "this invitation code is not valid")

	// The code as typed by hand: lower case, without dashes.
	typed := in
	typed.Code = strings.ToLower(strings.ReplaceAll(code, "-", " "))
	typed.Email = " ALUM@example.org"
	token, acc, err := e.svc.Register(e.ctx, typed)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Email != "alum@example.org" || acc.Role != account.RoleMEMBER || acc.Locale != account.LocaleKk || !auth.VerifyPassword(acc.PasswordHash, in.Password) {
		t.Errorf("account = %+v", acc)
	}
	p := e.db.Client.Account.QueryPerson(acc).WithProfile().WithContact().OnlyX(sys)
	if p.GivenName != "Dana" || p.FamilyName != "Seitkali" || p.Edges.Profile == nil || p.Edges.Contact == nil || p.Edges.Contact.Email != "alum@example.org" {
		t.Errorf("person = %+v, edges %+v", p, p.Edges)
	}
	v, err := e.svc.Authenticate(e.ctx, token)
	if err != nil || v.AccountID != acc.ID || v.PersonID != p.ID || v.Role != viewer.RoleMember {
		t.Errorf("session of the new account: %+v, %v", v, err)
	}
	if _, _, err := e.svc.SignIn(e.ctx, "alum@example.org", in.Password, "192.0.2.9:1"); err != nil {
		t.Errorf("sign in after registering: %v", err)
	}

	// The code works once.
	_, _, err = e.svc.Register(e.ctx, in)
	wantCode(t, err, apierror.BadUserInput, "this invitation has already been used")

	// An expired code.
	code2 := e.invite(auth.InviteInput{Email: "late@example.org", Role: account.RoleMEMBER})
	e.clock.Advance(14*24*time.Hour + time.Second)
	_, _, err = e.svc.Register(e.ctx, auth.RegisterInput{Code: code2, Email: "late@example.org", Password: "my own passphrase", GivenName: "A", FamilyName: "B"})
	wantCode(t, err, apierror.BadUserInput, "this invitation has expired")
}

func TestRegisterBoundPersonAndPartner(t *testing.T) {
	e := setup(t)
	sys := viewer.SystemContext(e.ctx)
	alum := e.db.Client.Person.Create().SetGivenName("Marat").SetFamilyName("Akhmetov").SaveX(sys)
	code := e.invite(auth.InviteInput{Email: "marat@example.org", Role: account.RoleMEMBER, PersonID: &alum.ID})
	_, acc, err := e.svc.Register(e.ctx, auth.RegisterInput{Code: code, Email: "marat@example.org", Password: "steppe wind 2026"})
	if err != nil {
		t.Fatal(err)
	}
	if got := acc.QueryPerson().OnlyIDX(sys); got != alum.ID {
		t.Errorf("account's person = %d, want the invited %d", got, alum.ID)
	}
	if n := e.db.Client.Person.Query().CountX(sys); n != 3 {
		t.Errorf("%d persons, want 3 (no new person for a bound invitation)", n)
	}
	// A second invitation for the same person is refused.
	_, _, err = e.svc.Invite(e.as(e.admin, adminPassword), auth.InviteInput{Email: "marat2@example.org", Role: account.RoleMEMBER, PersonID: &alum.ID})
	wantCode(t, err, apierror.BadUserInput, "person: this person already has an account")

	org := e.db.Client.Organization.Create().SetName("Kenes Foundation").SetKind(organization.KindFOUNDATION).SaveX(sys)
	code = e.invite(auth.InviteInput{Email: "partner@example.org", Role: account.RolePARTNER, OrganizationID: &org.ID})
	token, acc, err := e.svc.Register(e.ctx, auth.RegisterInput{Code: code, Email: "partner@example.org", Password: "foundation grant 7", GivenName: "Saule", FamilyName: "Nur"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.Authenticate(e.ctx, token)
	if err != nil || acc.OrganizationID == nil || *acc.OrganizationID != org.ID || v.OrganizationID != org.ID || v.Role != viewer.RolePartner {
		t.Errorf("partner: account %+v, viewer %+v, %v", acc, v, err)
	}
}

func TestRegisterRace(t *testing.T) {
	e := setup(t)
	invCode := e.invite(auth.InviteInput{Email: "racer@example.org", Role: account.RoleMEMBER})
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = e.svc.Register(e.ctx, auth.RegisterInput{
				Code: invCode, Email: "racer@example.org", Password: "fast and careful",
				GivenName: "Racer", FamilyName: fmt.Sprint(i),
			})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case code(err) != apierror.BadUserInput:
			t.Errorf("racing registration failed with %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d registrations succeeded, want 1: %v", ok, errs)
	}
	sys := viewer.SystemContext(e.ctx)
	if n := e.db.Client.Account.Query().Where(account.Email("racer@example.org")).CountX(sys); n != 1 {
		t.Errorf("%d accounts, want 1", n)
	}
}

var tokenInMail = regexp.MustCompile(`/reset-password\?token=([A-Za-z0-9_-]+)`)

func TestPasswordReset(t *testing.T) {
	e := setup(t)
	if err := e.svc.RequestPasswordReset(e.ctx, "nobody@example.org"); err != nil {
		t.Fatalf("unknown email: %v", err)
	}
	if out := e.mail.Outbox(); len(out) != 0 {
		t.Fatalf("mail sent for an unknown email: %+v", out)
	}
	wantCode(t, e.svc.RequestPasswordReset(e.ctx, "not-an-email"), apierror.BadUserInput, "email: ")

	oldToken, _, _ := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.1:1")
	if err := e.svc.RequestPasswordReset(e.ctx, " STAFF@example.org"); err != nil {
		t.Fatal(err)
	}
	out := e.mail.Outbox()
	if len(out) != 1 || out[0].To != staffEmail || !strings.Contains(out[0].Body, publicURL+"/reset-password?token=") {
		t.Fatalf("outbox = %+v", out)
	}
	token := tokenInMail.FindStringSubmatch(out[0].Body)[1]

	wantCode(t, e.svc.ResetPassword(e.ctx, token, "short"), apierror.BadUserInput, "password: must be at least 10")
	wantCode(t, e.svc.ResetPassword(e.ctx, "forged-token", "a brand new secret"), apierror.BadUserInput, "not valid")
	if err := e.svc.ResetPassword(e.ctx, token, "a brand new secret"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, e.svc.ResetPassword(e.ctx, token, "another new secret"), apierror.BadUserInput, "already been used")

	if _, err := e.svc.Authenticate(e.ctx, oldToken); !errors.Is(err, auth.ErrNoSession) {
		t.Errorf("session survived the reset: %v", err)
	}
	_, _, err := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.1:1")
	wantCode(t, err, apierror.Unauthenticated, "incorrect")
	if _, _, err := e.svc.SignIn(e.ctx, staffEmail, "a brand new secret", "192.0.2.1:1"); err != nil {
		t.Errorf("sign in with the new password: %v", err)
	}

	// An expired token.
	e.svc.RequestPasswordReset(e.ctx, staffEmail)
	out = e.mail.Outbox()
	token = tokenInMail.FindStringSubmatch(out[len(out)-1].Body)[1]
	e.clock.Advance(time.Hour)
	wantCode(t, e.svc.ResetPassword(e.ctx, token, "yet another secret"), apierror.BadUserInput, "expired")
}

func TestPasswordResetMailLimit(t *testing.T) {
	e := setup(t)
	for range 5 {
		if err := e.svc.RequestPasswordReset(e.ctx, staffEmail); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(e.mail.Outbox()); n != 3 {
		t.Errorf("%d reset mails, want 3 an hour", n)
	}
}

// chanMailer hands messages to a channel.
type chanMailer chan auth.Message

func (c chanMailer) Send(_ context.Context, m auth.Message) error { c <- m; return nil }

func TestPasswordResetInBackground(t *testing.T) {
	e := setup(t)
	mails := make(chanMailer, 4)
	svc := auth.New(e.db.Client, auth.Options{PublicURL: publicURL, Mailer: mails, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := svc.RequestPasswordReset(e.ctx, "nobody@example.org"); err != nil {
		t.Fatal(err)
	}
	if err := svc.RequestPasswordReset(e.ctx, staffEmail); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-mails:
		if m.To != staffEmail {
			t.Errorf("mail to %s, want %s", m.To, staffEmail)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reset mail")
	}
	select {
	case m := <-mails:
		t.Errorf("unexpected mail %+v", m)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestChangeAndCheckPassword(t *testing.T) {
	e := setup(t)
	ctx := e.as(e.staff, staffPassword)
	other, _, _ := e.svc.SignIn(e.ctx, staffEmail, staffPassword, "192.0.2.2:1")

	wantCode(t, e.svc.CheckPassword(ctx, e.staff.ID, "wrong password"), apierror.BadUserInput, "password: is incorrect")
	if err := e.svc.CheckPassword(ctx, e.staff.ID, staffPassword); err != nil {
		t.Fatal(err)
	}
	wantCode(t, e.svc.ChangePassword(ctx, e.staff.ID, "wrong password", "new and improved"), apierror.BadUserInput, "currentPassword: is incorrect")
	wantCode(t, e.svc.ChangePassword(ctx, e.staff.ID, staffPassword, "qwertyuiop"), apierror.BadUserInput, "password: ")
	if err := e.svc.ChangePassword(ctx, e.staff.ID, staffPassword, "new and improved"); err != nil {
		t.Fatal(err)
	}
	// The session that changed it stays; the others end.
	v := viewer.FromContext(ctx)
	sys := viewer.SystemContext(e.ctx)
	if ids := e.db.Client.Session.Query().Where(session.AccountID(e.staff.ID)).IDsX(sys); len(ids) != 1 || ids[0] != v.SessionID {
		t.Errorf("sessions after the change = %v, want [%d]", ids, v.SessionID)
	}
	if _, err := e.svc.Authenticate(e.ctx, other); !errors.Is(err, auth.ErrNoSession) {
		t.Errorf("other session: %v", err)
	}
	if err := e.svc.CheckPassword(ctx, e.staff.ID, "new and improved"); err != nil {
		t.Errorf("new password: %v", err)
	}
	// Guessing is limited.
	for range 5 {
		e.svc.CheckPassword(ctx, e.staff.ID, "guess guess guess")
	}
	wantCode(t, e.svc.CheckPassword(ctx, e.staff.ID, "new and improved"), apierror.RateLimited, "too many password attempts")
}

func TestLogMailerOutboxIsBounded(t *testing.T) {
	l := auth.NewLogMailer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	for i := range 150 {
		l.Send(context.Background(), auth.Message{To: "a@example.org", Subject: fmt.Sprint(i)})
	}
	out := l.Outbox()
	if len(out) != 100 || out[0].Subject != "50" || out[99].Subject != "149" {
		t.Errorf("outbox has %d messages, %q..%q", len(out), out[0].Subject, out[len(out)-1].Subject)
	}
}

func TestNewSMTPMailer(t *testing.T) {
	for _, bad := range []string{"http://mail.example.org", "smtp://mail.example.org", "smtp://:25?from=a@example.org", "smtp://mail.example.org?from=nobody"} {
		if _, err := auth.NewSMTPMailer(bad); err == nil {
			t.Errorf("NewSMTPMailer(%q) accepted", bad)
		}
	}
	if _, err := auth.NewSMTPMailer("smtp://user:secret@mail.example.org:587?from=birge@example.org"); err != nil {
		t.Error(err)
	}
}

// TestSMTPMailerSends talks to a minimal SMTP server (no STARTTLS, no
// AUTH) and checks what arrives.
func TestSMTPMailerSends(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		say := func(s string) { fmt.Fprintf(conn, "%s\r\n", s) }
		say("220 test ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					say("250 queued")
					continue
				}
				data.WriteString(line)
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"):
				say("250-test")
				say("250 8BITMIME")
			case strings.HasPrefix(cmd, "DATA"):
				inData = true
				say("354 go on")
			case strings.HasPrefix(cmd, "QUIT"):
				say("221 bye")
				got <- data.String()
				return
			default:
				say("250 ok")
			}
		}
	}()
	m, err := auth.NewSMTPMailer("smtp://" + ln.Addr().String() + "?from=birge@example.org")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = m.Send(ctx, auth.Message{To: "dana@example.org", Subject: "Сәлем, Birge", Body: "Line one\nLine two: ünïcode"})
	if err != nil {
		t.Fatal(err)
	}
	msg := <-got
	for _, want := range []string{"From: birge@example.org", "To: dana@example.org", "Subject: =?utf-8?q?", "Content-Type: text/plain; charset=utf-8", "Line one\r\nLine two: =C3=BCn=C3=AFcode"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if err := m.Send(ctx, auth.Message{To: "x@example.org\r\nBcc: y@example.org", Subject: "s"}); err == nil {
		t.Error("header injection accepted")
	}
}

package graph_test

// Bad input and the accounts flows through GraphQL: sign-in failures and
// rate limits, invitations, sessions that expire, weak passwords, writes
// without a session or with the wrong role, privacy settings, consents and
// account deletion.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/auditevent"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/contactdetails"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/ent/session"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/personal"
	"github.com/shyraq/birge/sessioncookie"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// axClock is the accounts service's clock, moved by the tests.
type axClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *axClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *axClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

const axPassword = "correct horse battery"

// axEnv is a database with an admin, a staff member, two members (one
// enrolled in a cohort) and a partner, all with the password axPassword,
// and the GraphQL handler behind the session middleware.
type axEnv struct {
	t       *testing.T
	client  *ent.Client
	clock   *axClock
	mail    *auth.LogMailer
	svc     *auth.Service
	h       http.Handler
	program *ent.Program
	cohort  *ent.Cohort
	org     *ent.Organization

	admin, staff, member, peer, partner *ent.Account
	memberPerson                        *ent.Person
}

func axSetup(t *testing.T) *axEnv {
	t.Helper()
	db := testdb.Open(t)
	c := db.Client
	ctx := viewer.SystemContext(context.Background())
	e := &axEnv{t: t, client: c, clock: &axClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	e.mail = auth.NewLogMailer(mxQuietLogger)
	e.svc = auth.New(c, auth.Options{Now: e.clock.Now, Mailer: e.mail, Logger: mxQuietLogger, PublicURL: "http://birge.test"})
	gql := graph.NewHandler(c, graph.Options{Auth: e.svc, Logger: mxQuietLogger})
	// What server.withSession does: the cookie jar, and the viewer of a
	// live session.
	e.h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jar := sessioncookie.New(w, r, false, 30*24*time.Hour)
		rctx := sessioncookie.NewContext(r.Context(), jar)
		if token := jar.Token(); token != "" {
			v, err := e.svc.Authenticate(rctx, token)
			switch {
			case err == nil:
				rctx = viewer.NewContext(rctx, v)
			case errors.Is(err, auth.ErrNoSession):
				jar.Clear()
			default:
				t.Errorf("authenticate: %v", err)
			}
		}
		gql.ServeHTTP(w, r.WithContext(rctx))
	})

	hash, err := auth.HashPassword(axPassword)
	if err != nil {
		t.Fatal(err)
	}
	e.org = c.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).SaveX(ctx)
	e.program = c.Program.Create().SetName("School of Independent Life").SetOperatorID(e.org.ID).SaveX(ctx)
	e.cohort = c.Cohort.Create().SetName("Almaty spring").SetCity("Almaty").
		SetStartDate(time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC)).SetEndDate(time.Date(2025, 4, 13, 0, 0, 0, 0, time.UTC)).
		SetCapacity(15).SetStatus(cohort.StatusCOMPLETED).SetProgramID(e.program.ID).SaveX(ctx)
	mk := func(email string, role account.Role, given string) (*ent.Account, *ent.Person) {
		p := c.Person.Create().SetGivenName(given).SetFamilyName("Testova").SetCity("Almaty").SaveX(ctx)
		a := c.Account.Create().SetEmail(email).SetPasswordHash(hash).SetRole(role).SetPersonID(p.ID)
		if role == account.RolePARTNER {
			a.SetOrganizationID(e.org.ID)
		}
		return a.SaveX(ctx), p
	}
	e.admin, _ = mk("admin@example.org", account.RoleADMIN, "Admin")
	e.staff, _ = mk("staff@example.org", account.RoleSTAFF, "Staff")
	e.member, e.memberPerson = mk("member@example.org", account.RoleMEMBER, "Aigerim")
	var peerPerson *ent.Person
	e.peer, peerPerson = mk("peer@example.org", account.RoleMEMBER, "Dana")
	e.partner, _ = mk("partner@example.org", account.RolePARTNER, "Partner")
	c.Profile.Create().SetPersonID(e.memberPerson.ID).SetBio("I like dancing").ExecX(ctx)
	c.ContactDetails.Create().SetPersonID(e.memberPerson.ID).SetEmail("aigerim@example.org").ExecX(ctx)
	c.Enrollment.Create().SetPersonID(e.memberPerson.ID).SetCohortID(e.cohort.ID).SetPledge("to cook").ExecX(ctx)
	c.Enrollment.Create().SetPersonID(peerPerson.ID).SetCohortID(e.cohort.ID).ExecX(ctx)
	c.Connection.Create().SetRequesterID(e.memberPerson.ID).SetAddresseeID(peerPerson.ID).
		SetStatus(connection.StatusACCEPTED).SetCreatedAt(e.clock.Now()).ExecX(ctx)
	return e
}

// browser is a new cookie-keeping client.
func (e *axEnv) browser() *mxHTTP {
	return &mxHTTP{t: e.t, h: e.h, name: sessioncookie.Name, remote: "198.51.100.7:4242"}
}

// signedIn is a browser signed in as email.
func (e *axEnv) signedIn(email string) *mxHTTP {
	e.t.Helper()
	b := e.browser()
	r, _ := b.do(axSignIn, map[string]any{"email": email, "password": axPassword})
	mxNoErrors(e.t, "signIn "+email, r)
	if b.cookie == nil {
		e.t.Fatalf("signIn %s set no cookie", email)
	}
	return b
}

const (
	axSignIn   = `mutation($email: String!, $password: String!) { signIn(input: {email: $email, password: $password}) { id email role } }`
	axViewer   = `{ viewer { id email person { id } } }`
	axRegister = `mutation($code: String!, $email: String!, $password: String!) {
  register(input: {code: $code, email: $email, password: $password, givenName: "New", familyName: "Member"}) { id email role } }`
	axInvite = `mutation($email: String!, $role: AccountRole!) { createInvitation(input: {email: $email, role: $role}) { code invitation { id email role } } }`
)

// viewerOf returns the viewer's account ID, or "" for a visitor.
func axViewerOf(t *testing.T, b *mxHTTP) string {
	t.Helper()
	r, _ := b.do(axViewer, nil)
	mxNoErrors(t, "viewer", r)
	var out struct {
		Viewer *struct {
			ID string `json:"id"`
		} `json:"viewer"`
	}
	r.decode(t, &out)
	if out.Viewer == nil {
		return ""
	}
	return out.Viewer.ID
}

// axWantInvalid checks a refusal of an operation that does not fit the
// schema (an unknown enum value): a validation error, nothing done.
func axWantInvalid(t *testing.T, what string, r mxResp) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Errorf("%s: no error", what)
	}
	for _, e := range r.Errors {
		if c := e.code(); c != "GRAPHQL_VALIDATION_FAILED" && c != "BAD_USER_INPUT" {
			t.Errorf("%s: %s %q, want a validation error", what, c, e.Message)
		}
	}
	if string(r.Data) != "null" && len(r.Data) != 0 {
		t.Errorf("%s: data %s", what, r.Data)
	}
}

func TestSignInFailures(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	b := e.browser()

	wrong, _ := b.do(axSignIn, map[string]any{"email": e.member.Email, "password": "not the password"})
	w := mxWantCode(t, "wrong password", wrong, "UNAUTHENTICATED")
	unknown, _ := b.do(axSignIn, map[string]any{"email": "nobody@example.org", "password": "not the password"})
	u := mxWantCode(t, "unknown email", unknown, "UNAUTHENTICATED")
	if w.Message != u.Message || w.Message == "" {
		t.Errorf("wrong password says %q, unknown email %q: they must not differ", w.Message, u.Message)
	}
	if string(wrong.Data) != "null" || b.cookie != nil {
		t.Errorf("a failed sign-in returned %s, cookie %v", wrong.Data, b.cookie)
	}

	// Five failures for one address lock it for 15 minutes, even with
	// the right password.
	for i := 0; i < 4; i++ {
		r, _ := b.do(axSignIn, map[string]any{"email": " Member@Example.org ", "password": "still not it"})
		mxWantCode(t, "wrong password", r, "UNAUTHENTICATED")
	}
	r, _ := b.do(axSignIn, map[string]any{"email": e.member.Email, "password": axPassword})
	mxWantCode(t, "sign-in past the limit", r, "RATE_LIMITED", "try again")
	if b.cookie != nil {
		t.Fatal("a rate-limited sign-in set a cookie")
	}
	// Other accounts are not locked.
	if e.signedIn(e.peer.Email).cookie == nil {
		t.Fatal("another account is locked too")
	}
	e.clock.add(16 * time.Minute)
	r, _ = b.do(axSignIn, map[string]any{"email": e.member.Email, "password": axPassword})
	mxNoErrors(t, "sign-in after the window", r)
	if axViewerOf(t, b) != mxID(e.member.ID) {
		t.Error("signed in, but viewer is not the member")
	}
}

func TestInvitationsAndRegistration(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	staff := e.signedIn(e.staff.Email)
	admin := e.signedIn(e.admin.Email)

	invite := func(b *mxHTTP, email, role string) (mxResp, string) {
		r, _ := b.do(axInvite, map[string]any{"email": email, "role": role})
		var out struct {
			CreateInvitation *struct {
				Code string `json:"code"`
			} `json:"createInvitation"`
		}
		if len(r.Errors) == 0 {
			r.decode(t, &out)
			return r, out.CreateInvitation.Code
		}
		return r, ""
	}

	// Who may invite whom.
	r, _ := invite(e.browser(), "x@example.org", "MEMBER")
	mxWantCode(t, "invitation without a session", r, "UNAUTHENTICATED")
	r, _ = invite(e.signedIn(e.member.Email), "x@example.org", "MEMBER")
	mxWantCode(t, "invitation by a member", r, "FORBIDDEN")
	r, _ = invite(e.signedIn(e.partner.Email), "x@example.org", "MEMBER")
	mxWantCode(t, "invitation by a partner", r, "FORBIDDEN")
	r, _ = invite(staff, "boss@example.org", "ADMIN")
	mxWantCode(t, "staff inviting an admin", r, "FORBIDDEN")
	r, _ = invite(staff, "colleague@example.org", "STAFF")
	mxWantCode(t, "staff inviting staff", r, "FORBIDDEN")
	r, _ = invite(staff, "partner2@example.org", "PARTNER")
	mxWantCode(t, "partner invitation without an organization", r, "BAD_USER_INPUT", "organization")
	r, _ = invite(staff, "not an address", "MEMBER")
	mxWantCode(t, "invitation to a malformed address", r, "BAD_USER_INPUT", "email")
	if r, code := invite(admin, "colleague@example.org", "STAFF"); code == "" {
		t.Errorf("admin inviting staff: %+v", r.Errors)
	}

	r, code := invite(staff, "new@example.org", "MEMBER")
	mxNoErrors(t, "staff inviting a member", r)
	if code == "" {
		t.Fatal("no invitation code")
	}

	// Registration: wrong address, weak passwords, then success.
	anon := e.browser()
	r, _ = anon.do(axRegister, map[string]any{"code": code, "email": "other@example.org", "password": "a good long password"})
	mxWantCode(t, "register with another address", r, "BAD_USER_INPUT", "email")
	for _, weak := range []string{"short", "aaaaaaaaaaaa", "1234567890", "new@example.org"} {
		r, _ = anon.do(axRegister, map[string]any{"code": code, "email": "new@example.org", "password": weak})
		mxWantCode(t, "register with password "+weak, r, "BAD_USER_INPUT", "password")
	}
	if anon.cookie != nil {
		t.Fatal("a refused registration set a cookie")
	}
	r, _ = anon.do(axRegister, map[string]any{"code": strings.ToLower(code), "email": "New@Example.org", "password": "a good long password"})
	mxNoErrors(t, "register", r)
	if anon.cookie == nil || axViewerOf(t, anon) == "" {
		t.Fatal("registering did not sign in")
	}

	// The code works once.
	again := e.browser()
	r, _ = again.do(axRegister, map[string]any{"code": code, "email": "new@example.org", "password": "another good password"})
	mxWantCode(t, "register with a used invitation", r, "BAD_USER_INPUT", "already been used")
	r, _ = again.do(axRegister, map[string]any{"code": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "email": "new@example.org", "password": "another good password"})
	mxWantCode(t, "register with an unknown code", r, "BAD_USER_INPUT", "not valid")

	// An invitation expires after 14 days.
	_, late := invite(staff, "late@example.org", "MEMBER")
	e.clock.add(14*24*time.Hour + time.Minute)
	r, _ = again.do(axRegister, map[string]any{"code": late, "email": "late@example.org", "password": "a good long password"})
	mxWantCode(t, "register with an expired invitation", r, "BAD_USER_INPUT", "expired")
	if again.cookie != nil {
		t.Error("a refused registration set a cookie")
	}
}

func TestPasswordResetWeakPassword(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	old := e.signedIn(e.member.Email)
	anon := e.browser()
	r, _ := anon.do(`mutation { requestPasswordReset(email: "member@example.org") }`, nil)
	mxNoErrors(t, "requestPasswordReset", r)
	r, _ = anon.do(`mutation { requestPasswordReset(email: "nobody@example.org") }`, nil)
	mxNoErrors(t, "requestPasswordReset of an unknown address", r)
	out := e.mail.Outbox()
	var token string
	for _, m := range out {
		if i := strings.Index(m.Body, "token="); i >= 0 && m.To == e.member.Email {
			raw := m.Body[i+len("token="):]
			raw = raw[:strings.IndexAny(raw, " \n")]
			token, _ = url.QueryUnescape(raw)
		}
	}
	if token == "" || len(out) != 1 {
		t.Fatalf("want one reset mail to the member, got %+v", out)
	}
	const reset = `mutation($token: String!, $password: String!) { resetPassword(input: {token: $token, password: $password}) }`
	for _, weak := range []string{"short", "qwertyuiop", "member@example.org"} {
		r, _ = anon.do(reset, map[string]any{"token": token, "password": weak})
		mxWantCode(t, "reset to "+weak, r, "BAD_USER_INPUT", "password")
	}
	r, _ = anon.do(reset, map[string]any{"token": token, "password": "a brand new passphrase"})
	mxNoErrors(t, "reset", r)
	r, _ = anon.do(reset, map[string]any{"token": token, "password": "yet another passphrase"})
	mxWantCode(t, "reset with a used token", r, "BAD_USER_INPUT", "already been used")
	if axViewerOf(t, old) != "" {
		t.Error("a password reset left the old session signed in")
	}
	r, _ = anon.do(axSignIn, map[string]any{"email": e.member.Email, "password": axPassword})
	mxWantCode(t, "sign in with the old password", r, "UNAUTHENTICATED")
	r, _ = anon.do(axSignIn, map[string]any{"email": e.member.Email, "password": "a brand new passphrase"})
	mxNoErrors(t, "sign in with the new password", r)
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	e := axSetup(t)

	// Idle for more than 7 days: the session is gone and the cookie
	// cleared; writes then need a session again.
	b := e.signedIn(e.member.Email)
	e.clock.add(6 * 24 * time.Hour)
	if axViewerOf(t, b) == "" {
		t.Fatal("session ended after 6 idle days")
	}
	e.clock.add(7*24*time.Hour + time.Minute)
	if axViewerOf(t, b) != "" {
		t.Fatal("session still valid after more than 7 idle days")
	}
	if b.cookie != nil {
		t.Error("the expired session's cookie was not cleared")
	}
	r, _ := b.do(`mutation { setConsent(kind: PEER_CONTACT, granted: true) { granted } }`, nil)
	mxWantCode(t, "setConsent with an expired session", r, "UNAUTHENTICATED")

	// Used every few days, a session still ends 30 days after sign-in.
	b = e.signedIn(e.member.Email)
	for day := 5; day < 30; day += 5 {
		e.clock.add(5 * 24 * time.Hour)
		if axViewerOf(t, b) == "" {
			t.Fatalf("session ended after %d days of use", day)
		}
	}
	e.clock.add(5*24*time.Hour + time.Minute)
	if axViewerOf(t, b) != "" {
		t.Fatal("session still valid 30 days after sign-in")
	}

	// A session whose row says it was last used 8 days ago is not
	// accepted either (another instance may have been serving it).
	b = e.signedIn(e.member.Email)
	sys := viewer.SystemContext(context.Background())
	e.client.Session.Update().Where(session.AccountID(e.member.ID)).SetLastSeenAt(e.clock.Now().Add(-8 * 24 * time.Hour)).ExecX(sys)
	if axViewerOf(t, b) != "" {
		t.Fatal("a session idle for 8 days by its row is accepted")
	}

	// Signing out everywhere ends every session of the account.
	one, two := e.signedIn(e.member.Email), e.signedIn(e.member.Email)
	r, _ = one.do(`mutation { signOutEverywhere }`, nil)
	mxNoErrors(t, "signOutEverywhere", r)
	if axViewerOf(t, two) != "" || axViewerOf(t, one) != "" {
		t.Error("signOutEverywhere left a session signed in")
	}
}

func TestWritesNeedSessionAndRole(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	const create = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { id name } }`
	input := map[string]any{
		"name": "Ust-Kamenogorsk 2027", "city": "Ust-Kamenogorsk", "capacity": 15,
		"startDate": "2027-05-03T00:00:00Z", "endDate": "2027-05-09T00:00:00Z", "programID": mxID(e.program.ID),
	}
	r, _ := e.browser().do(create, map[string]any{"input": input})
	mxWantCode(t, "createCohort without a session", r, "UNAUTHENTICATED")
	r, _ = e.signedIn(e.member.Email).do(create, map[string]any{"input": input})
	mxWantCode(t, "createCohort as a member", r, "FORBIDDEN")
	r, _ = e.signedIn(e.partner.Email).do(create, map[string]any{"input": input})
	mxWantCode(t, "createCohort as a partner", r, "FORBIDDEN")
	sys := viewer.SystemContext(context.Background())
	if n := e.client.Cohort.Query().CountX(sys); n != 1 {
		t.Fatalf("refused writes left %d cohorts, want 1", n)
	}
	r, _ = e.signedIn(e.staff.Email).do(create, map[string]any{"input": input})
	mxNoErrors(t, "createCohort as staff", r)

	// Personal writes without a session.
	anon := e.browser()
	for _, m := range []string{
		`mutation { updatePrivacy(input: {listedInDirectory: true}) { id } }`,
		`mutation { setConsent(kind: PEER_CONTACT, granted: true) { granted } }`,
		`mutation { deleteMyAccount(password: "x") }`,
		`mutation { changePassword(input: {currentPassword: "x", newPassword: "a good long password"}) }`,
		`mutation { signOutEverywhere }`,
	} {
		r, _ := anon.do(m, nil)
		mxWantCode(t, m+" without a session", r, "UNAUTHENTICATED")
	}
	// A member may not change someone else's person.
	r, _ = e.signedIn(e.member.Email).do(`mutation($id: ID!) { updatePerson(id: $id, input: {givenName: "Hacked"}) { id } }`,
		map[string]any{"id": mxID(e.peer.QueryPerson().OnlyIDX(sys))})
	mxWantCode(t, "a member updating another person", r, "FORBIDDEN")
	// Nor clear a field of their own person that they may not set.
	own := map[string]any{"id": mxID(e.member.QueryPerson().OnlyIDX(sys))}
	r, _ = e.signedIn(e.member.Email).do(`mutation($id: ID!) { updatePerson(id: $id, input: {clearLookingFor: true}) { id } }`, own)
	mxWantCode(t, "a member clearing what they may not set", r, "FORBIDDEN")
	r, _ = e.signedIn(e.member.Email).do(`mutation($id: ID!) { updatePerson(id: $id, input: {city: "Taraz"}) { id } }`, own)
	mxNoErrors(t, "a member changing their own city", r)
}

func TestPrivacySettingsAndConsents(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	b := e.signedIn(e.member.Email)
	const settings = `{ viewer { person { id privacy { listedInDirectory visibleToPartners profileVisibility contactVisibility }
  consents { kind granted grantedAt revokedAt } } } }`
	type state struct {
		Kind      string     `json:"kind"`
		Granted   bool       `json:"granted"`
		GrantedAt *time.Time `json:"grantedAt"`
		RevokedAt *time.Time `json:"revokedAt"`
	}
	read := func() (map[string]any, map[string]state) {
		t.Helper()
		r, _ := b.do(settings, nil)
		mxNoErrors(t, "read settings", r)
		var out struct {
			Viewer struct {
				Person struct {
					Privacy  map[string]any `json:"privacy"`
					Consents []state        `json:"consents"`
				} `json:"person"`
			} `json:"viewer"`
		}
		r.decode(t, &out)
		cs := map[string]state{}
		for _, c := range out.Viewer.Person.Consents {
			cs[c.Kind] = c
		}
		return out.Viewer.Person.Privacy, cs
	}

	p, cs := read()
	if p["listedInDirectory"] != false || p["profileVisibility"] != "COMMUNITY" || p["contactVisibility"] != "CONNECTIONS" || p["visibleToPartners"] != false {
		t.Errorf("default settings %v", p)
	}
	if len(cs) != 4 {
		t.Errorf("consents %v, want the 4 kinds", cs)
	}
	for k, c := range cs {
		if c.Granted || c.GrantedAt != nil {
			t.Errorf("consent %s granted before anything was asked: %+v", k, c)
		}
	}

	r, _ := b.do(`mutation { updatePrivacy(input: {listedInDirectory: true, visibleToPartners: true, profileVisibility: PUBLIC, contactVisibility: PRIVATE}) {
  id privacy { listedInDirectory visibleToPartners profileVisibility contactVisibility } } }`, nil)
	mxNoErrors(t, "updatePrivacy", r)
	p, cs = read()
	if p["listedInDirectory"] != true || p["profileVisibility"] != "PUBLIC" || p["contactVisibility"] != "PRIVATE" || p["visibleToPartners"] != true {
		t.Errorf("settings read back %v", p)
	}
	if c := cs["DIRECTORY_LISTING"]; !c.Granted || c.GrantedAt == nil {
		t.Errorf("listing in the directory did not record the consent: %+v", c)
	}
	r, _ = b.do(`mutation { updatePrivacy(input: {profileVisibility: EVERYONE}) { id } }`, nil)
	axWantInvalid(t, "updatePrivacy with an unknown level", r)

	// Another member sees the listed person, but not their settings or
	// consents.
	peer := e.signedIn(e.peer.Email)
	r, _ = peer.do(`query($id: ID!) { node(id: $id) { ... on Person { id privacy { listedInDirectory } consents { kind } contact { email } } } }`,
		map[string]any{"id": mxID(e.memberPerson.ID)})
	mxNoErrors(t, "peer reads the member", r)
	if !strings.Contains(string(r.Data), `"privacy":null`) || !strings.Contains(string(r.Data), `"consents":null`) ||
		!strings.Contains(string(r.Data), `"contact":null`) {
		t.Errorf("a peer reads the member's settings, consents or PRIVATE contact details: %s", r.Data)
	}

	// Grant, revoke, grant again: each recorded with its time.
	const set = `mutation($granted: Boolean!) { setConsent(kind: PEER_CONTACT, granted: $granted) { kind granted grantedAt revokedAt } }`
	setConsent := func(granted bool) state {
		t.Helper()
		r, _ := b.do(set, map[string]any{"granted": granted})
		mxNoErrors(t, "setConsent", r)
		var out struct {
			SetConsent state `json:"setConsent"`
		}
		r.decode(t, &out)
		return out.SetConsent
	}
	before := time.Now().Add(-time.Minute)
	g := setConsent(true)
	if !g.Granted || g.GrantedAt == nil || g.GrantedAt.Before(before) || g.RevokedAt != nil {
		t.Errorf("grant: %+v", g)
	}
	v := setConsent(false)
	if v.Granted || v.RevokedAt == nil || v.GrantedAt == nil || !v.GrantedAt.Equal(*g.GrantedAt) || v.RevokedAt.Before(*v.GrantedAt) {
		t.Errorf("revoke: %+v (granted %+v)", v, g)
	}
	if _, cs = read(); cs["PEER_CONTACT"].Granted || cs["PEER_CONTACT"].RevokedAt == nil {
		t.Errorf("read back after revoking: %+v", cs["PEER_CONTACT"])
	}
	time.Sleep(2 * time.Millisecond)
	g2 := setConsent(true)
	if !g2.Granted || g2.GrantedAt == nil || !g2.GrantedAt.After(*g.GrantedAt) || g2.RevokedAt != nil {
		t.Errorf("grant again: %+v, first grant %+v", g2, g)
	}
	sys := viewer.SystemContext(context.Background())
	rows := e.client.Consent.Query().Where(consent.PersonID(e.memberPerson.ID), consent.KindEQ(consent.KindPEER_CONTACT)).AllX(sys)
	if len(rows) != 2 {
		t.Errorf("%d PEER_CONTACT records, want 2 (the revoked grant stays, with its times)", len(rows))
	}
	r, _ = b.do(`mutation { setConsent(kind: EVERYTHING, granted: true) { granted } }`, nil)
	axWantInvalid(t, "setConsent of an unknown kind", r)
}

func TestDeleteMyAccount(t *testing.T) {
	t.Parallel()
	e := axSetup(t)
	sys := viewer.SystemContext(context.Background())
	b := e.signedIn(e.member.Email)
	r, _ := b.do(`mutation { setConsent(kind: PEER_CONTACT, granted: true) { granted } }`, nil)
	mxNoErrors(t, "setConsent", r)
	r, _ = b.do(`mutation { updatePrivacy(input: {listedInDirectory: true}) { id } }`, nil)
	mxNoErrors(t, "updatePrivacy", r)
	other := e.signedIn(e.member.Email) // a second browser

	admin := e.signedIn(e.admin.Email)
	const cohortCount = `query($id: ID!) { node(id: $id) { ... on Cohort { enrollments(first: 10) { totalCount } } } }`
	count := func() int {
		t.Helper()
		r, _ := admin.do(cohortCount, map[string]any{"id": mxID(e.cohort.ID)})
		mxNoErrors(t, "cohort enrollments", r)
		var out struct {
			Node struct {
				Enrollments struct {
					TotalCount int `json:"totalCount"`
				} `json:"enrollments"`
			} `json:"node"`
		}
		r.decode(t, &out)
		return out.Node.Enrollments.TotalCount
	}
	enrolledBefore := count()
	if enrolledBefore != 2 {
		t.Fatalf("the cohort has %d enrollments, want 2", enrolledBefore)
	}

	r, _ = b.do(`mutation { deleteMyAccount(password: "not my password") }`, nil)
	mxWantCode(t, "deleteMyAccount with a wrong password", r, "BAD_USER_INPUT")
	r, _ = b.do(`mutation { deleteMyAccount(password: "`+axPassword+`") }`, nil)
	mxNoErrors(t, "deleteMyAccount", r)
	if b.cookie != nil {
		t.Error("deleting the account did not clear the cookie")
	}

	// The person stays, anonymized and unlisted; everything personal is
	// gone.
	p := e.client.Person.GetX(sys, e.memberPerson.ID)
	if p.GivenName != personal.DeletedName || p.FamilyName != personal.DeletedName || p.City != "" {
		t.Errorf("the person keeps their name: %q %q %q", p.GivenName, p.FamilyName, p.City)
	}
	if p.ListedInDirectory || p.VisibleToPartners || p.ProfileVisibility != visibility.Private || p.ContactVisibility != visibility.Private {
		t.Errorf("the deleted person is still visible: %+v", p)
	}
	for what, n := range map[string]int{
		"accounts":    e.client.Account.Query().Where(account.ID(e.member.ID)).CountX(sys),
		"sessions":    e.client.Session.Query().Where(session.AccountID(e.member.ID)).CountX(sys),
		"profiles":    e.client.Profile.Query().Where(profile.PersonID(p.ID)).CountX(sys),
		"contacts":    e.client.ContactDetails.Query().Where(contactdetails.PersonID(p.ID)).CountX(sys),
		"consents":    e.client.Consent.Query().Where(consent.PersonID(p.ID)).CountX(sys),
		"connections": e.client.Connection.Query().Where(connection.Or(connection.RequesterID(p.ID), connection.AddresseeID(p.ID))).CountX(sys),
	} {
		if n != 0 {
			t.Errorf("%d %s left after deleting the account", n, what)
		}
	}
	if n := e.client.Enrollment.Query().Where(enrollment.PersonID(p.ID)).CountX(sys); n != 1 {
		t.Errorf("%d enrollments of the deleted person, want 1 (course statistics stay correct)", n)
	}
	if got := count(); got != enrolledBefore {
		t.Errorf("the cohort's enrollment count went from %d to %d", enrolledBefore, got)
	}
	if n := e.client.AuditEvent.Query().Where(auditevent.Action("account.deleted"), auditevent.SubjectPersonID(p.ID)).CountX(sys); n != 1 {
		t.Errorf("%d audit events of the deletion, want 1", n)
	}

	// The account cannot sign in; other browsers are signed out.
	r, _ = e.browser().do(axSignIn, map[string]any{"email": e.member.Email, "password": axPassword})
	mxWantCode(t, "sign in to a deleted account", r, "UNAUTHENTICATED")
	if axViewerOf(t, other) != "" {
		t.Error("another browser of the deleted account is still signed in")
	}

	// Other members no longer find the person; the admin sees only the
	// anonymized row.
	peer := e.signedIn(e.peer.Email)
	r, _ = peer.do(`query($id: ID!) { node(id: $id) { id } people(first: 50) { edges { node { id givenName } } } }`, map[string]any{"id": mxID(p.ID)})
	var found map[string]json.RawMessage
	r.decode(t, &found)
	wantHidden(t, "a peer reading the deleted person", r, "node", found["node"])
	if strings.Contains(r.raw, "Aigerim") {
		t.Errorf("the deleted person is still in the directory: %s", r.raw)
	}
	r, _ = admin.do(`query($id: ID!) { node(id: $id) { ... on Person { givenName familyName profile { bio } contact { email } } } }`, map[string]any{"id": mxID(p.ID)})
	mxNoErrors(t, "admin reads the deleted person", r)
	for _, s := range []string{"Aigerim", "Testova", "dancing", "aigerim@"} {
		if strings.Contains(r.raw, s) {
			t.Errorf("the deleted person's %q is still there: %s", s, r.raw)
		}
	}
}

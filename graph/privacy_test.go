package graph_test

// The privacy matrix of issue 3: for each kind of viewer and each
// combination of a person's privacy settings, what every path of the API
// returns. The expectations come from the small table below, written from
// docs/ARCHITECTURE.md ("The privacy model"), not from package access.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/invitation"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// ---- The specification ----------------------------------------------------

// mxRel is how a viewer stands to the person whose data is asked for.
type mxRel int

const (
	relAnon      mxRel = iota // not signed in
	relMember                 // a member not connected to the person
	relPending                // a member with a pending request to or from the person
	relConnected              // a member with an accepted connection to the person
	relBlocked                // a member or partner whom the person blocked
	relBlocker                // a member who blocked the person
	relPartner                // a person of a partner organization
	relStaff                  // trainers and association staff
	relAdmin                  // admins
	relSelf                   // the person themself
)

var mxRelNames = [...]string{"anonymous", "member", "member with a pending request", "connected member",
	"blocked member or partner", "member who blocked them", "partner", "staff", "admin", "self"}

func (r mxRel) String() string { return mxRelNames[r] }

// mxSeesPerson: "A person at all (names, city, tags): staff, admins and the
// person always; members when the person consented to the directory or is
// connected to them; partners when the person allowed partners; visitors
// when the person is listed and their profile is PUBLIC." With the
// connection rules (package access's documentation): a member also sees
// whoever has a pending request to or from them and whom they blocked (to
// be able to unblock), and members and partners never see someone who
// blocked them.
func mxSeesPerson(r mxRel, p *mxPerson) bool {
	switch r {
	case relAnon:
		return p.listed && p.profile == visibility.Public
	case relMember:
		return p.listed
	case relPartner:
		return p.partners
	case relBlocked:
		return false
	case relPending, relBlocker, relConnected, relStaff, relAdmin, relSelf:
		return true
	}
	panic("unknown relation")
}

// mxLevelsSeen: the levels of a field group each relation is admitted to
// (PUBLIC anyone; COMMUNITY signed-in members and the partners the person
// allowed; CONNECTIONS accepted connections; STAFF trainers and staff;
// PRIVATE only the person and admins; "staff see every level but PRIVATE").
var mxLevelsSeen = map[mxRel][]visibility.Level{
	relAnon:      {visibility.Public},
	relMember:    {visibility.Public, visibility.Community},
	relPending:   {visibility.Public, visibility.Community},
	relBlocked:   nil,
	relBlocker:   {visibility.Public, visibility.Community},
	relConnected: {visibility.Public, visibility.Community, visibility.Connections},
	relPartner:   {visibility.Public, visibility.Community},
	relStaff:     {visibility.Public, visibility.Community, visibility.Connections, visibility.Staff},
	relAdmin:     {visibility.Public, visibility.Community, visibility.Connections, visibility.Staff, visibility.Private},
	relSelf:      {visibility.Public, visibility.Community, visibility.Connections, visibility.Staff, visibility.Private},
}

// mxSeesGroup: a field group is seen when the person is seen and the
// group's level admits the viewer.
func mxSeesGroup(r mxRel, p *mxPerson, level visibility.Level) bool {
	return mxSeesPerson(r, p) && slices.Contains(mxLevelsSeen[r], level)
}

// mxSeesSettings: "The settings themselves (Person.privacy) and consents
// are read only by the person and admins."
func mxSeesSettings(r mxRel) bool { return r == relSelf || r == relAdmin }

// ---- The fixture ----------------------------------------------------------

// mxPerson is one person of the fixture, with the strings that identify
// their data in a response.
type mxPerson struct {
	n                int
	label            string
	subject          bool
	listed, partners bool
	profile, contact visibility.Level
	id, accountID    int
	profileID        int
	contactID        int
	enrollmentID     int // 0: not enrolled
	cohortID         int
	consentID        int // 0: no consent records
	role             account.Role
}

func (p *mxPerson) given() string  { return fmt.Sprintf("Zname%03dq", p.n) }
func (p *mxPerson) family() string { return fmt.Sprintf("Zfam%03dq", p.n) }
func (p *mxPerson) bio() string    { return fmt.Sprintf("Zbio%03dq", p.n) }
func (p *mxPerson) email() string  { return fmt.Sprintf("zmail%03dq@example.org", p.n) }
func (p *mxPerson) pledge() string { return fmt.Sprintf("Zpledge%03dq", p.n) }

func (p *mxPerson) String() string { return fmt.Sprintf("#%d (%s)", p.n, p.label) }

// mxViewer is a kind of viewer of the matrix.
type mxViewer struct {
	name   string
	v      viewer.Viewer
	person *mxPerson // nil for a visitor
}

type mxFixture struct {
	client   *ent.Client
	handler  http.Handler
	people   []*mxPerson // everyone, subjects first
	subjects []*mxPerson
	byID     map[int]*mxPerson
	links    map[[2]int]connection.Status // by (requester, addressee)

	member, connected, staff, partner, admin *mxPerson

	cohortA, cohortB int // cohortA: 2023, every subject; cohortB: 2021, member and connected member
	invitationID     int
	auditEventID     int
	invitationEmail  string
	viewers          []mxViewer
}

// as is a GraphQL client of the fixture's handler, signed in as v.
func (fx *mxFixture) as(v viewer.Viewer) *client.Client {
	return client.New(mxViewerHandler(fx.handler, v))
}

// rel is how vw stands to p.
func (fx *mxFixture) rel(vw mxViewer, p *mxPerson) mxRel {
	if vw.person != nil && vw.person.id == p.id {
		return relSelf
	}
	switch vw.v.Role {
	case viewer.RoleAdmin:
		return relAdmin
	case viewer.RoleStaff:
		return relStaff
	case viewer.RolePartner:
		if vw.person != nil && fx.links[[2]int{p.id, vw.person.id}] == connection.StatusBLOCKED {
			return relBlocked
		}
		return relPartner
	case viewer.RoleMember:
		if vw.person == nil {
			return relMember
		}
		me := vw.person.id
		from, to := fx.links[[2]int{p.id, me}], fx.links[[2]int{me, p.id}]
		switch {
		case from == connection.StatusBLOCKED:
			return relBlocked
		case from == connection.StatusACCEPTED || to == connection.StatusACCEPTED:
			return relConnected
		case from == connection.StatusPENDING || to == connection.StatusPENDING:
			return relPending
		case to == connection.StatusBLOCKED:
			return relBlocker
		}
		return relMember
	}
	return relAnon
}

func mxBuild(t *testing.T) *mxFixture {
	t.Helper()
	db := testdb.Open(t)
	c := db.Client
	ctx := viewer.SystemContext(context.Background())
	fx := &mxFixture{client: c, byID: map[int]*mxPerson{}, links: map[[2]int]connection.Status{}}
	fx.handler = graph.NewHandler(c, graph.Options{Logger: mxQuietLogger})

	operator := c.Organization.Create().SetName("Shyraq").SetKind(organization.KindASSOCIATION).SaveX(ctx)
	partnerOrg := c.Organization.Create().SetName("Partner Fund").SetKind(organization.KindFOUNDATION).SaveX(ctx)
	prog := c.Program.Create().SetName("School of Independent Life").SetOperatorID(operator.ID).SaveX(ctx)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	fx.cohortA = c.Cohort.Create().SetName("Almaty 2023").SetCity("Almaty").
		SetStartDate(day(2023, 6, 5)).SetEndDate(day(2023, 6, 11)).SetCapacity(500).
		SetStatus(cohort.StatusCOMPLETED).SetProgramID(prog.ID).SaveX(ctx).ID
	fx.cohortB = c.Cohort.Create().SetName("Almaty 2021").SetCity("Almaty").
		SetStartDate(day(2021, 9, 6)).SetEndDate(day(2021, 9, 12)).SetCapacity(20).
		SetStatus(cohort.StatusCOMPLETED).SetProgramID(prog.ID).SaveX(ctx).ID

	// The subjects: every combination of listing, partner visibility and
	// the levels of the two field groups.
	n := 0
	for _, listed := range []bool{false, true} {
		for _, partners := range []bool{false, true} {
			for _, pl := range visibility.All {
				for _, cl := range visibility.All {
					label := fmt.Sprintf("profile %s, contact %s", pl, cl)
					if listed {
						label = "listed, " + label
					} else {
						label = "unlisted, " + label
					}
					if partners {
						label += ", visible to partners"
					}
					fx.subjects = append(fx.subjects, &mxPerson{
						n: n, label: label, subject: true, listed: listed, partners: partners,
						profile: pl, contact: cl, role: account.RoleMEMBER, cohortID: fx.cohortA,
					})
					n++
				}
			}
		}
	}
	role := func(label string, r account.Role, listed, partners bool, pl, cl visibility.Level, cohortID int) *mxPerson {
		p := &mxPerson{n: n, label: label, listed: listed, partners: partners, profile: pl, contact: cl, role: r, cohortID: cohortID}
		n++
		return p
	}
	fx.member = role("the member", account.RoleMEMBER, false, false, visibility.Community, visibility.Connections, fx.cohortB)
	fx.connected = role("the connected member", account.RoleMEMBER, false, false, visibility.Community, visibility.Connections, fx.cohortB)
	fx.staff = role("the staff member", account.RoleSTAFF, true, false, visibility.Public, visibility.Public, 0)
	fx.partner = role("the partner", account.RolePARTNER, false, true, visibility.Community, visibility.Community, 0)
	fx.admin = role("the admin", account.RoleADMIN, false, false, visibility.Private, visibility.Private, 0)
	fx.people = append(append([]*mxPerson{}, fx.subjects...), fx.member, fx.connected, fx.staff, fx.partner, fx.admin)

	// People, with their profiles, contact details, enrollments and
	// accounts.
	pb := make([]*ent.PersonCreate, len(fx.people))
	for i, p := range fx.people {
		pb[i] = c.Person.Create().SetGivenName(p.given()).SetFamilyName(p.family()).SetCity("Almaty").
			SetListedInDirectory(p.listed).SetVisibleToPartners(p.partners).
			SetProfileVisibility(p.profile).SetContactVisibility(p.contact).
			SetIsTrainer(p.subject)
		if p == fx.partner {
			pb[i].SetOrganizationID(partnerOrg.ID)
		}
	}
	for i, row := range c.Person.CreateBulk(pb...).SaveX(ctx) {
		fx.people[i].id = row.ID
		fx.byID[row.ID] = fx.people[i]
	}
	prb := make([]*ent.ProfileCreate, len(fx.people))
	cdb := make([]*ent.ContactDetailsCreate, len(fx.people))
	acb := make([]*ent.AccountCreate, len(fx.people))
	for i, p := range fx.people {
		prb[i] = c.Profile.Create().SetPersonID(p.id).SetBio(p.bio()).SetLanguages([]string{"kk", "ru"})
		cdb[i] = c.ContactDetails.Create().SetPersonID(p.id).SetEmail(p.email()).SetPhone("+7 700 000 0000")
		acb[i] = c.Account.Create().SetEmail(fmt.Sprintf("account%03d@example.org", p.n)).
			SetPasswordHash("not-a-hash").SetRole(p.role).SetPersonID(p.id)
		if p.role == account.RolePARTNER {
			acb[i].SetOrganizationID(partnerOrg.ID)
		}
	}
	for i, row := range c.Profile.CreateBulk(prb...).SaveX(ctx) {
		fx.people[i].profileID = row.ID
	}
	for i, row := range c.ContactDetails.CreateBulk(cdb...).SaveX(ctx) {
		fx.people[i].contactID = row.ID
	}
	for i, row := range c.Account.CreateBulk(acb...).SaveX(ctx) {
		fx.people[i].accountID = row.ID
	}
	var enrolled []*mxPerson
	var eb []*ent.EnrollmentCreate
	for _, p := range fx.people {
		if p.cohortID != 0 {
			enrolled = append(enrolled, p)
			eb = append(eb, c.Enrollment.Create().SetPersonID(p.id).SetCohortID(p.cohortID).SetPledge(p.pledge()))
		}
	}
	for i, row := range c.Enrollment.CreateBulk(eb...).SaveX(ctx) {
		enrolled[i].enrollmentID = row.ID
	}
	trainerIDs := make([]int, len(fx.subjects))
	for i, p := range fx.subjects {
		trainerIDs[i] = p.id
	}
	c.Cohort.UpdateOneID(fx.cohortA).AddTrainerIDs(trainerIDs...).ExecX(ctx)

	// Consents: every subject agreed to peer contact; the listed ones to
	// the directory.
	granted := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	var kb []*ent.ConsentCreate
	for _, p := range fx.subjects {
		kb = append(kb, c.Consent.Create().SetPersonID(p.id).SetKind(consent.KindPEER_CONTACT).SetGrantedAt(granted))
		if p.listed {
			kb = append(kb, c.Consent.Create().SetPersonID(p.id).SetKind(consent.KindDIRECTORY_LISTING).SetGrantedAt(granted))
		}
	}
	for _, row := range c.Consent.CreateBulk(kb...).SaveX(ctx) {
		if row.Kind == consent.KindPEER_CONTACT {
			fx.byID[row.PersonID].consentID = row.ID
		}
	}

	// Connections: the connected member has an accepted connection with
	// every subject (in either direction). The member has every other
	// kind, none of which opens a CONNECTIONS group: pending requests
	// (either way: the person shows, not their groups), declined and
	// withdrawn ones (nothing), blocks by the member (nothing) and blocks
	// of the member (the person disappears). Some subjects block the
	// partner.
	var cb []*ent.ConnectionCreate
	conn := func(from, to *mxPerson, st connection.Status) {
		cb = append(cb, c.Connection.Create().SetRequesterID(from.id).SetAddresseeID(to.id).SetStatus(st).SetCreatedAt(granted))
		fx.links[[2]int{from.id, to.id}] = st
	}
	for i, s := range fx.subjects {
		if i%2 == 0 {
			conn(fx.connected, s, connection.StatusACCEPTED)
		} else {
			conn(s, fx.connected, connection.StatusACCEPTED)
		}
		switch i % 6 {
		case 0:
			conn(fx.member, s, connection.StatusPENDING)
		case 1:
			conn(s, fx.member, connection.StatusPENDING)
		case 2:
			conn(s, fx.member, connection.StatusDECLINED)
		case 3:
			conn(fx.member, s, connection.StatusBLOCKED)
		case 4:
			conn(s, fx.member, connection.StatusBLOCKED)
		case 5:
			conn(fx.member, s, connection.StatusWITHDRAWN)
		}
		if i%10 == 7 {
			conn(s, fx.partner, connection.StatusBLOCKED)
		}
	}
	c.Connection.CreateBulk(cb...).ExecX(ctx)

	fx.invitationEmail = "zinvitee@example.org"
	fx.invitationID = c.Invitation.Create().SetCodeHash([]byte("matrix-invitation-code-hash-0001")).
		SetEmail(fx.invitationEmail).SetRole(invitation.RoleMEMBER).SetCreatedAt(granted).
		SetExpiresAt(time.Now().Add(24 * time.Hour)).SetCreatedByID(fx.staff.accountID).SaveX(ctx).ID
	fx.auditEventID = c.AuditEvent.Create().SetCreatedAt(granted).SetAction("fixture.event").
		SetActorAccountID(fx.admin.accountID).SetSubjectPersonID(fx.subjects[0].id).SaveX(ctx).ID

	mk := func(name string, p *mxPerson, r viewer.Role) mxViewer {
		v := viewer.Viewer{AccountID: p.accountID, PersonID: p.id, Role: r}
		if r == viewer.RolePartner {
			v.OrganizationID = partnerOrg.ID
		}
		return mxViewer{name: name, v: v, person: p}
	}
	fx.viewers = []mxViewer{
		{name: "anonymous"},
		mk("member", fx.member, viewer.RoleMember),
		mk("connected member", fx.connected, viewer.RoleMember),
		mk("partner", fx.partner, viewer.RolePartner),
		mk("staff", fx.staff, viewer.RoleStaff),
		mk("admin", fx.admin, viewer.RoleAdmin),
	}
	return fx
}

// selfViewer is the viewer of subject p, signed in as a member.
func (fx *mxFixture) selfViewer(p *mxPerson) mxViewer {
	return mxViewer{
		name:   "self " + p.String(),
		v:      viewer.Viewer{AccountID: p.accountID, PersonID: p.id, Role: viewer.RoleMember},
		person: p,
	}
}

// ---- Reading responses ----------------------------------------------------

// mxPersonFields is what the matrix asks of a person on every path.
const mxPersonFields = `fragment MxP on Person {
  id givenName familyName
  profile { id bio }
  contact { id email }
  enrollments(first: 3) { totalCount edges { node { id pledge cohort { id } } } }
  privacy { listedInDirectory visibleToPartners profileVisibility contactVisibility }
  consents { kind granted grantedAt }
}`

type mxPersonView struct {
	ID         string `json:"id"`
	GivenName  string `json:"givenName"`
	FamilyName string `json:"familyName"`
	Profile    *struct {
		ID  string `json:"id"`
		Bio string `json:"bio"`
	} `json:"profile"`
	Contact *struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	} `json:"contact"`
	Enrollments *struct {
		TotalCount int `json:"totalCount"`
		Edges      []struct {
			Node struct {
				ID     string `json:"id"`
				Pledge string `json:"pledge"`
				Cohort struct {
					ID string `json:"id"`
				} `json:"cohort"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"enrollments"`
	Privacy *struct {
		ListedInDirectory bool   `json:"listedInDirectory"`
		VisibleToPartners bool   `json:"visibleToPartners"`
		ProfileVisibility string `json:"profileVisibility"`
		ContactVisibility string `json:"contactVisibility"`
	} `json:"privacy"`
	Consents *[]struct {
		Kind      string  `json:"kind"`
		Granted   bool    `json:"granted"`
		GrantedAt *string `json:"grantedAt"`
	} `json:"consents"`
}

// checkView checks what vw got of p on one path: each group present with
// its data exactly where the specification admits vw.
func (fx *mxFixture) checkView(t *testing.T, where string, vw mxViewer, p *mxPerson, got *mxPersonView) {
	t.Helper()
	r := fx.rel(vw, p)
	at := fmt.Sprintf("%s: %s sees %s", where, r, p)
	if got.ID != mxID(p.id) || got.GivenName != p.given() || got.FamilyName != p.family() {
		t.Errorf("%s: got person %s %q %q", at, got.ID, got.GivenName, got.FamilyName)
	}
	wantProfile, wantContact := mxSeesGroup(r, p, p.profile), mxSeesGroup(r, p, p.contact)
	switch {
	case wantProfile && got.Profile == nil:
		t.Errorf("%s: profile missing", at)
	case !wantProfile && got.Profile != nil:
		t.Errorf("%s: profile LEAKED: %+v", at, *got.Profile)
	case got.Profile != nil && (got.Profile.Bio != p.bio() || got.Profile.ID != mxID(p.profileID)):
		t.Errorf("%s: profile %+v, want %s %q", at, *got.Profile, mxID(p.profileID), p.bio())
	}
	switch {
	case wantContact && got.Contact == nil:
		t.Errorf("%s: contact details missing", at)
	case !wantContact && got.Contact != nil:
		t.Errorf("%s: contact details LEAKED: %+v", at, *got.Contact)
	case got.Contact != nil && (got.Contact.Email != p.email() || got.Contact.ID != mxID(p.contactID)):
		t.Errorf("%s: contact %+v, want %s %q", at, *got.Contact, mxID(p.contactID), p.email())
	}
	if got.Enrollments == nil {
		t.Errorf("%s: enrollments is null", at)
	} else {
		want := 0
		if p.enrollmentID != 0 && wantProfile {
			want = 1
		}
		if got.Enrollments.TotalCount != want || len(got.Enrollments.Edges) != want {
			t.Errorf("%s: %d enrollments (totalCount %d), want %d (course history is part of the profile)",
				at, len(got.Enrollments.Edges), got.Enrollments.TotalCount, want)
		} else if want == 1 {
			e := got.Enrollments.Edges[0].Node
			if e.ID != mxID(p.enrollmentID) || e.Pledge != p.pledge() || e.Cohort.ID != mxID(p.cohortID) {
				t.Errorf("%s: enrollment %+v", at, e)
			}
		}
	}
	if want := mxSeesSettings(r); want != (got.Privacy != nil) {
		t.Errorf("%s: privacy settings present = %v, want %v", at, got.Privacy != nil, want)
	} else if got.Privacy != nil {
		pv := got.Privacy
		if pv.ListedInDirectory != p.listed || pv.VisibleToPartners != p.partners ||
			pv.ProfileVisibility != string(p.profile) || pv.ContactVisibility != string(p.contact) {
			t.Errorf("%s: privacy settings %+v", at, *pv)
		}
	}
	if want := mxSeesSettings(r); want != (got.Consents != nil) {
		t.Errorf("%s: consents present = %v, want %v", at, got.Consents != nil, want)
	} else if got.Consents != nil {
		for _, k := range *got.Consents {
			var want bool
			switch k.Kind {
			case "PEER_CONTACT":
				want = p.subject
			case "DIRECTORY_LISTING":
				want = p.subject && p.listed
			}
			if k.Granted != want || (want && k.GrantedAt == nil) {
				t.Errorf("%s: consent %s granted=%v (at %v), want %v", at, k.Kind, k.Granted, k.GrantedAt, want)
			}
		}
	}
}

// scan fails if raw holds data of a person that the viewer, standing to
// them as relOf says, may not see.
func (fx *mxFixture) scan(t *testing.T, where, raw string, relOf func(*mxPerson) mxRel) {
	t.Helper()
	for _, p := range fx.people {
		r := relOf(p)
		check := func(what, s string, allowed bool) {
			if !allowed && strings.Contains(raw, s) {
				t.Errorf("%s: LEAK: the response holds %s's %s %q, hidden from %s", where, p, what, s, r)
			}
		}
		seen := mxSeesPerson(r, p)
		check("given name", p.given(), seen)
		check("family name", p.family(), seen)
		check("bio", p.bio(), mxSeesGroup(r, p, p.profile))
		check("pledge", p.pledge(), mxSeesGroup(r, p, p.profile))
		check("email", p.email(), mxSeesGroup(r, p, p.contact))
	}
}

func (fx *mxFixture) scanAs(t *testing.T, where string, vw mxViewer, r mxResp) {
	t.Helper()
	fx.scan(t, where, r.raw, func(p *mxPerson) mxRel { return fx.rel(vw, p) })
}

// wantHidden checks a root field that must come back null with NOT_FOUND
// errors only (a hidden object is not found, never forbidden).
func wantHidden(t *testing.T, where string, r mxResp, alias string, data json.RawMessage) {
	t.Helper()
	if string(data) != "null" && len(data) != 0 {
		t.Errorf("%s: LEAK: got %s, want null", where, data)
	}
	errs := r.errsAt(alias)
	if len(errs) == 0 {
		t.Errorf("%s: null without an error, want NOT_FOUND", where)
	}
	for _, e := range errs {
		if e.code() != "NOT_FOUND" {
			t.Errorf("%s: error %s %q, want NOT_FOUND", where, e.code(), e.Message)
		}
	}
}

// ---- Paths ----------------------------------------------------------------

// listPeople reads a whole person list (people or trainers, with where)
// page by page, checking that totalCount agrees with what is listed.
func (fx *mxFixture) listPeople(t *testing.T, c *client.Client, vw mxViewer, root string, where map[string]any) map[int]*mxPersonView {
	t.Helper()
	q := `query($after: Cursor, $where: PersonWhereInput) {
  list: ` + root + `(first: 50, after: $after, where: $where) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { ...MxP } }
  }
}
` + mxPersonFields
	label := fmt.Sprintf("%s(where: %v)", root, where)
	got := map[int]*mxPersonView{}
	var after any
	total := -1
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatalf("%s: too many pages", label)
		}
		r := mxPost(t, c, q, map[string]any{"after": after, "where": where})
		mxNoErrors(t, label, r)
		fx.scanAs(t, label, vw, r)
		var out struct {
			List struct {
				TotalCount int `json:"totalCount"`
				PageInfo   struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
				Edges []struct {
					Node mxPersonView `json:"node"`
				} `json:"edges"`
			} `json:"list"`
		}
		r.decode(t, &out)
		if total >= 0 && out.List.TotalCount != total {
			t.Errorf("%s: totalCount changed between pages: %d, then %d", label, total, out.List.TotalCount)
		}
		total = out.List.TotalCount
		for _, e := range out.List.Edges {
			node := e.Node
			id := mxAtoi(t, node.ID)
			if got[id] != nil {
				t.Errorf("%s: person %s listed twice", label, node.ID)
			}
			got[id] = &node
		}
		if !out.List.PageInfo.HasNextPage {
			break
		}
		after = out.List.PageInfo.EndCursor
	}
	if total != len(got) {
		t.Errorf("%s: totalCount %d, but %d people listed", label, total, len(got))
	}
	return got
}

// wantListed checks a list of people against the people that should be
// in it, and what it shows of each.
func (fx *mxFixture) wantListed(t *testing.T, label string, vw mxViewer, got map[int]*mxPersonView, want func(*mxPerson) bool) {
	t.Helper()
	for id := range got {
		if fx.byID[id] == nil {
			t.Errorf("%s: lists unknown person %d", label, id)
		}
	}
	for _, p := range fx.people {
		v, in := got[p.id]
		switch {
		case want(p) && !in:
			t.Errorf("%s: %s missing for %s", label, p, fx.rel(vw, p))
		case !want(p) && in:
			t.Errorf("%s: LEAK: %s listed for %s", label, p, fx.rel(vw, p))
		case in:
			fx.checkView(t, label, vw, p, v)
		}
	}
}

func mxAtoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatalf("not an ID: %q", s)
	}
	return n
}

// checkLists covers people, trainers and the course filters.
func (fx *mxFixture) checkLists(t *testing.T, c *client.Client, vw mxViewer) {
	seen := func(p *mxPerson) bool { return mxSeesPerson(fx.rel(vw, p), p) }
	fx.wantListed(t, "people", vw, fx.listPeople(t, c, vw, "people", nil), seen)
	fx.wantListed(t, "trainers", vw, fx.listPeople(t, c, vw, "trainers", nil), func(p *mxPerson) bool {
		return p.subject && seen(p)
	})
	// Filters by course count only the course history the viewer may see.
	tookPart := func(cohortID int) func(p *mxPerson) bool {
		return func(p *mxPerson) bool {
			return p.cohortID == cohortID && mxSeesGroup(fx.rel(vw, p), p, p.profile)
		}
	}
	for _, f := range []struct {
		where map[string]any
		want  func(*mxPerson) bool
	}{
		{map[string]any{"cohortYear": 2023}, tookPart(fx.cohortA)},
		{map[string]any{"cohortYear": 2021}, tookPart(fx.cohortB)},
		{map[string]any{"cohortYear": 2022}, func(*mxPerson) bool { return false }},
		{map[string]any{"cohortID": mxID(fx.cohortA)}, tookPart(fx.cohortA)},
		{map[string]any{"cohortID": mxID(fx.cohortB)}, tookPart(fx.cohortB)},
		{map[string]any{"cohortID": mxID(fx.cohortA), "givenNameContains": "Zname00"}, func(p *mxPerson) bool {
			return tookPart(fx.cohortA)(p) && strings.HasPrefix(p.given(), "Zname00")
		}},
	} {
		label := fmt.Sprintf("people(where: %v)", f.where)
		fx.wantListed(t, label, vw, fx.listPeople(t, c, vw, "people", f.where), f.want)
	}
}

// checkCohorts covers cohort(node) -> enrollments -> person, cohort ->
// trainers, and cohorts { enrollments }.
func (fx *mxFixture) checkCohorts(t *testing.T, c *client.Client, vw mxViewer) {
	visibleEnrollment := func(cohortID int) map[int]*mxPerson {
		out := map[int]*mxPerson{}
		for _, p := range fx.people {
			if p.cohortID == cohortID && mxSeesGroup(fx.rel(vw, p), p, p.profile) {
				out[p.enrollmentID] = p
			}
		}
		return out
	}

	// node(cohort) -> enrollments -> person, page by page.
	q := `query($id: ID!, $after: Cursor) {
  node(id: $id) { ... on Cohort { id
    enrollments(first: 40, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id pledge person { ...MxP } } }
    } } }
}
` + mxPersonFields
	for _, cid := range []int{fx.cohortA, fx.cohortB} {
		label := "node(cohort " + mxID(cid) + ").enrollments"
		want := visibleEnrollment(cid)
		got := map[int]bool{}
		var after any
		for page := 0; page < 10; page++ {
			r := mxPost(t, c, q, map[string]any{"id": mxID(cid), "after": after})
			mxNoErrors(t, label, r)
			fx.scanAs(t, label, vw, r)
			var out struct {
				Node struct {
					Enrollments struct {
						TotalCount int `json:"totalCount"`
						PageInfo   struct {
							HasNextPage bool   `json:"hasNextPage"`
							EndCursor   string `json:"endCursor"`
						} `json:"pageInfo"`
						Edges []struct {
							Node struct {
								ID     string       `json:"id"`
								Pledge string       `json:"pledge"`
								Person mxPersonView `json:"person"`
							} `json:"node"`
						} `json:"edges"`
					} `json:"enrollments"`
				} `json:"node"`
			}
			r.decode(t, &out)
			if out.Node.Enrollments.TotalCount != len(want) {
				t.Errorf("%s: totalCount %d, want %d", label, out.Node.Enrollments.TotalCount, len(want))
			}
			for _, e := range out.Node.Enrollments.Edges {
				id := mxAtoi(t, e.Node.ID)
				p := want[id]
				if p == nil {
					t.Errorf("%s: LEAK or unknown: enrollment %d listed", label, id)
					continue
				}
				got[id] = true
				if e.Node.Pledge != p.pledge() {
					t.Errorf("%s: enrollment of %s has pledge %q", label, p, e.Node.Pledge)
				}
				fx.checkView(t, label+".person", vw, p, &e.Node.Person)
			}
			if !out.Node.Enrollments.PageInfo.HasNextPage {
				break
			}
			after = out.Node.Enrollments.PageInfo.EndCursor
		}
		for id, p := range want {
			if !got[id] {
				t.Errorf("%s: the enrollment of %s is missing for %s", label, p, fx.rel(vw, p))
			}
		}
	}

	// node(cohort) -> trainers.
	tq := `query($id: ID!, $after: Cursor) {
  node(id: $id) { ... on Cohort { trainers(first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ...MxP } } } } }
}
` + mxPersonFields
	got := map[int]*mxPersonView{}
	var after any
	for page := 0; page < 10; page++ {
		r := mxPost(t, c, tq, map[string]any{"id": mxID(fx.cohortA), "after": after})
		mxNoErrors(t, "cohort.trainers", r)
		fx.scanAs(t, "cohort.trainers", vw, r)
		var out struct {
			Node struct {
				Trainers struct {
					TotalCount int `json:"totalCount"`
					PageInfo   struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
					Edges []struct {
						Node mxPersonView `json:"node"`
					} `json:"edges"`
				} `json:"trainers"`
			} `json:"node"`
		}
		r.decode(t, &out)
		for _, e := range out.Node.Trainers.Edges {
			node := e.Node
			got[mxAtoi(t, node.ID)] = &node
		}
		if !out.Node.Trainers.PageInfo.HasNextPage {
			break
		}
		after = out.Node.Trainers.PageInfo.EndCursor
	}
	fx.wantListed(t, "cohort.trainers", vw, got, func(p *mxPerson) bool { return p.subject && mxSeesPerson(fx.rel(vw, p), p) })

	// cohorts { enrollments { person } }.
	r := mxPost(t, c, `{ cohorts(first: 2) { totalCount edges { node { id
  enrollments(first: 100) { totalCount edges { node { id pledge person { id givenName profile { bio } contact { email } } } } } } } } }`, nil)
	mxNoErrors(t, "cohorts.enrollments", r)
	fx.scanAs(t, "cohorts.enrollments", vw, r)
	var out struct {
		Cohorts struct {
			TotalCount int `json:"totalCount"`
			Edges      []struct {
				Node struct {
					ID          string `json:"id"`
					Enrollments struct {
						TotalCount int `json:"totalCount"`
						Edges      []struct {
							Node struct {
								ID     string `json:"id"`
								Person struct {
									ID      string `json:"id"`
									Profile *struct {
										Bio string `json:"bio"`
									} `json:"profile"`
									Contact *struct {
										Email string `json:"email"`
									} `json:"contact"`
								} `json:"person"`
							} `json:"node"`
						} `json:"edges"`
					} `json:"enrollments"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"cohorts"`
	}
	r.decode(t, &out)
	if out.Cohorts.TotalCount != 2 || len(out.Cohorts.Edges) != 2 {
		t.Fatalf("cohorts: %d of %d, want 2", len(out.Cohorts.Edges), out.Cohorts.TotalCount)
	}
	for _, ce := range out.Cohorts.Edges {
		want := visibleEnrollment(mxAtoi(t, ce.Node.ID))
		label := "cohorts[" + ce.Node.ID + "].enrollments"
		if ce.Node.Enrollments.TotalCount != len(want) || len(ce.Node.Enrollments.Edges) != len(want) {
			t.Errorf("%s: %d (totalCount %d), want %d", label, len(ce.Node.Enrollments.Edges), ce.Node.Enrollments.TotalCount, len(want))
		}
		for _, e := range ce.Node.Enrollments.Edges {
			p := want[mxAtoi(t, e.Node.ID)]
			if p == nil {
				t.Errorf("%s: LEAK or unknown: enrollment %s", label, e.Node.ID)
				continue
			}
			r := fx.rel(vw, p)
			if e.Node.Person.ID != mxID(p.id) {
				t.Errorf("%s: enrollment of %s names person %s", label, p, e.Node.Person.ID)
			}
			if (e.Node.Person.Profile != nil) != mxSeesGroup(r, p, p.profile) {
				t.Errorf("%s: %s sees the profile of %s = %v", label, r, p, e.Node.Person.Profile != nil)
			}
			if (e.Node.Person.Contact != nil) != mxSeesGroup(r, p, p.contact) {
				t.Errorf("%s: %s sees the contact details of %s = %v", label, r, p, e.Node.Person.Contact != nil)
			}
		}
	}
}

// checkNodes covers node(id) of each person, profile, contact details,
// enrollment and consent record, and nodes(ids) of the people, in batches
// small enough for the API's limits on one operation.
func (fx *mxFixture) checkNodes(t *testing.T, c *client.Client, vw mxViewer, people []*mxPerson) {
	const batch = 8
	var consentLeaks []int
	defer func() {
		if len(consentLeaks) > 0 {
			t.Errorf("LEAK: node(Consent) gives %s the consent records of %d people (#%v); "+
				"only the person and admins may read them (docs/ARCHITECTURE.md, \"The privacy model\")",
				vw.name, len(consentLeaks), consentLeaks)
		}
	}()
	for start := 0; start < len(people); start += batch {
		chunk := people[start:min(start+batch, len(people))]
		var b strings.Builder
		b.WriteString("query {\n")
		ids := make([]string, len(chunk))
		for i, p := range chunk {
			ids[i] = `"` + mxID(p.id) + `"`
			fmt.Fprintf(&b, "p%d: node(id: %q) { ... on Person { ...MxP } }\n", i, mxID(p.id))
			fmt.Fprintf(&b, "f%d: node(id: %q) { ... on Profile { id bio person { id } } }\n", i, mxID(p.profileID))
			fmt.Fprintf(&b, "c%d: node(id: %q) { ... on ContactDetails { id email person { id } } }\n", i, mxID(p.contactID))
			if p.enrollmentID != 0 {
				fmt.Fprintf(&b, "e%d: node(id: %q) { ... on Enrollment { id pledge cohort { id } person { id profile { bio } contact { email } } } }\n", i, mxID(p.enrollmentID))
			}
			if p.consentID != 0 {
				fmt.Fprintf(&b, "k%d: node(id: %q) { ... on Consent { id kind person { id } } }\n", i, mxID(p.consentID))
			}
		}
		if len(ids) == 1 {
			// nodes(ids) with a single hidden ID fails as a whole (ent's
			// Noders takes a shortcut for one ID and returns its error,
			// and [Node]! then nulls the whole response), unlike the same
			// ID among others (a null entry). Pad with a person everyone
			// sees, so that this check is of the usual case.
			ids = append(ids, `"`+mxID(fx.staff.id)+`"`)
		}
		fmt.Fprintf(&b, "ns: nodes(ids: [%s]) { ... on Person { id givenName } }\n}\n", strings.Join(ids, ", "))
		b.WriteString(mxPersonFields)
		r := mxPost(t, c, b.String(), nil)
		fx.scanAs(t, "node(id)", vw, r)
		var data map[string]json.RawMessage
		r.decode(t, &data)
		for i, p := range chunk {
			rel := fx.rel(vw, p)
			at := func(what string) string { return fmt.Sprintf("node(%s of %s) for %s", what, p, rel) }

			alias := fmt.Sprintf("p%d", i)
			if mxSeesPerson(rel, p) {
				mxNoErrors(t, at("person"), mxResp{Errors: r.errsAt(alias)})
				var v mxPersonView
				if err := json.Unmarshal(data[alias], &v); err != nil || v.ID == "" {
					t.Errorf("%s: got %s, want the person", at("person"), data[alias])
				} else {
					fx.checkView(t, "node(person)", vw, p, &v)
				}
			} else {
				wantHidden(t, at("person"), r, alias, data[alias])
			}

			type group struct {
				ID     string `json:"id"`
				Bio    string `json:"bio"`
				Email  string `json:"email"`
				Pledge string `json:"pledge"`
				Kind   string `json:"kind"`
				Person struct {
					ID      string          `json:"id"`
					Profile json.RawMessage `json:"profile"`
					Contact json.RawMessage `json:"contact"`
				} `json:"person"`
			}
			checkGroup := func(alias, what string, visible bool, ok func(g group) bool) {
				if !visible {
					wantHidden(t, at(what), r, alias, data[alias])
					return
				}
				mxNoErrors(t, at(what), mxResp{Errors: r.errsAt(alias)})
				var g group
				if err := json.Unmarshal(data[alias], &g); err != nil || !ok(g) || g.Person.ID != mxID(p.id) {
					t.Errorf("%s: got %s", at(what), data[alias])
				}
			}
			checkGroup(fmt.Sprintf("f%d", i), "profile", mxSeesGroup(rel, p, p.profile), func(g group) bool {
				return g.ID == mxID(p.profileID) && g.Bio == p.bio()
			})
			checkGroup(fmt.Sprintf("c%d", i), "contact details", mxSeesGroup(rel, p, p.contact), func(g group) bool {
				return g.ID == mxID(p.contactID) && g.Email == p.email()
			})
			if p.enrollmentID != 0 {
				checkGroup(fmt.Sprintf("e%d", i), "enrollment", mxSeesGroup(rel, p, p.profile), func(g group) bool {
					contactShown := string(g.Person.Contact) != "null"
					return g.ID == mxID(p.enrollmentID) && g.Pledge == p.pledge() &&
						string(g.Person.Profile) != "null" && contactShown == mxSeesGroup(rel, p, p.contact)
				})
			}
			if p.consentID != 0 {
				// Consent records are read only by the person and admins;
				// a record read by anyone else is counted and reported once
				// per viewer below.
				alias := fmt.Sprintf("k%d", i)
				if mxSeesSettings(rel) {
					checkGroup(alias, "consent", true, func(g group) bool {
						return g.ID == mxID(p.consentID) && g.Kind == "PEER_CONTACT"
					})
				} else if string(data[alias]) != "null" {
					consentLeaks = append(consentLeaks, p.n)
				} else {
					wantHidden(t, at("consent"), r, alias, data[alias])
				}
			}
		}
		// nodes(ids): hidden people are null entries, never FORBIDDEN.
		var ns []*struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(data["ns"], &ns); err != nil || len(ns) != len(ids) {
			t.Errorf("nodes(ids) for %s: got %s", vw.name, data["ns"])
			continue
		}
		for i, p := range chunk {
			rel := fx.rel(vw, p)
			if got := ns[i] != nil && ns[i].ID == mxID(p.id); got != mxSeesPerson(rel, p) {
				t.Errorf("nodes(ids) for %s: %s present = %v, want %v", rel, p, got, !got)
			}
		}
		for _, e := range r.errsAt("ns") {
			if e.code() != "NOT_FOUND" {
				t.Errorf("nodes(ids) for %s: error %s %q, want NOT_FOUND", vw.name, e.code(), e.Message)
			}
		}
	}
}

// checkOwn covers the fields about the viewer themself (viewer, myData,
// profilePreview for each audience) and the staff and admin lists
// (invitations, auditEvents), each refused to those without the role.
func (fx *mxFixture) checkOwn(t *testing.T, c *client.Client, vw mxViewer) {
	r := mxPost(t, c, `{ viewer { id role person { id } } }`, nil)
	mxNoErrors(t, "viewer", r)
	var me struct {
		Viewer *struct {
			ID     string `json:"id"`
			Person *struct {
				ID string `json:"id"`
			} `json:"person"`
		} `json:"viewer"`
	}
	r.decode(t, &me)
	switch {
	case vw.person == nil && me.Viewer != nil:
		t.Errorf("viewer for a visitor: %s, want null", r.Data)
	case vw.person != nil && (me.Viewer == nil || me.Viewer.ID != mxID(vw.v.AccountID) ||
		me.Viewer.Person == nil || me.Viewer.Person.ID != mxID(vw.person.id)):
		t.Errorf("viewer for %s: %s", vw.name, r.Data)
	}

	admin := vw.v.Role == viewer.RoleAdmin
	staff := admin || vw.v.Role == viewer.RoleStaff
	for _, f := range []struct {
		name, query string
		allowed     bool
		want        string // a string the answer holds when allowed
	}{
		{"auditEvents", `{ auditEvents(first: 50) { totalCount edges { node { id action subjectPersonID } } } }`, admin, `"action"`},
		{"invitations", `{ invitations(first: 5) { totalCount edges { node { id email } } } }`, staff, fx.invitationEmail},
		{"node(audit event)", `{ node(id: "` + mxID(fx.auditEventID) + `") { ... on AuditEvent { id action } } }`, admin, "fixture.event"},
		{"node(invitation)", `{ node(id: "` + mxID(fx.invitationID) + `") { ... on Invitation { id email } } }`, staff, fx.invitationEmail},
	} {
		r := mxPost(t, c, f.query, nil)
		where := f.name + " for " + vw.name
		if f.allowed {
			mxNoErrors(t, where, r)
			if !strings.Contains(string(r.Data), f.want) {
				t.Errorf("%s: %s, want it to hold %q", where, r.Data, f.want)
			}
			continue
		}
		if strings.Contains(r.raw, f.want) {
			t.Errorf("%s: LEAK: %s", where, r.raw)
		}
		if len(r.Errors) == 0 {
			t.Errorf("%s: no error, want FORBIDDEN", where)
		}
		for _, e := range r.Errors {
			ok := e.code() == "FORBIDDEN"
			if strings.HasPrefix(f.name, "node") {
				// node(id) may also say the object is not there.
				ok = ok || e.code() == "NOT_FOUND"
			}
			if !ok {
				t.Errorf("%s: %s %q, want FORBIDDEN", where, e.code(), e.Message)
			}
		}
	}
	fx.checkMyData(t, c, vw)
	fx.checkPreviews(t, c, vw)
}

// checkMyData: the export holds the viewer's own data and no one else's.
func (fx *mxFixture) checkMyData(t *testing.T, c *client.Client, vw mxViewer) {
	r := mxPost(t, c, `{ myData }`, nil)
	if vw.person == nil {
		mxWantCode(t, "myData for a visitor", r, "UNAUTHENTICATED")
		return
	}
	mxNoErrors(t, "myData for "+vw.name, r)
	var out struct {
		MyData string `json:"myData"`
	}
	r.decode(t, &out)
	if !json.Valid([]byte(out.MyData)) {
		t.Errorf("myData for %s is not JSON: %.200s", vw.name, out.MyData)
	}
	me := vw.person
	for _, s := range []string{me.given(), me.family(), me.bio(), me.email()} {
		if !strings.Contains(out.MyData, s) {
			t.Errorf("myData for %s: own %q missing", vw.name, s)
		}
	}
	if me.enrollmentID != 0 && !strings.Contains(out.MyData, me.pledge()) {
		t.Errorf("myData for %s: own pledge missing", vw.name)
	}
	for _, p := range fx.people {
		if p == me {
			continue
		}
		for _, s := range []string{p.given(), p.family(), p.bio(), p.email(), p.pledge()} {
			if strings.Contains(out.MyData, s) {
				t.Errorf("myData for %s: LEAK: holds %q of %s", vw.name, s, p)
			}
		}
	}
}

// mxAudiences are the preview audiences and how such a viewer stands to
// the person previewed.
var mxAudiences = []struct {
	name string
	rel  mxRel
}{{"PUBLIC", relAnon}, {"MEMBER", relMember}, {"PARTNER", relPartner}}

// checkPreviews: profilePreview shows exactly what its audience sees.
func (fx *mxFixture) checkPreviews(t *testing.T, c *client.Client, vw mxViewer) {
	var b strings.Builder
	b.WriteString("{\n")
	for _, a := range mxAudiences {
		fmt.Fprintf(&b, "%s: profilePreview(audience: %s) { ...MxP }\n", strings.ToLower(a.name), a.name)
	}
	b.WriteString("}\n" + mxPersonFields)
	r := mxPost(t, c, b.String(), nil)
	if vw.person == nil {
		mxWantCode(t, "profilePreview for a visitor", r, "UNAUTHENTICATED")
		return
	}
	mxNoErrors(t, "profilePreview for "+vw.name, r)
	var data map[string]json.RawMessage
	r.decode(t, &data)
	p := vw.person
	for _, a := range mxAudiences {
		raw := data[strings.ToLower(a.name)]
		where := fmt.Sprintf("profilePreview(%s) of %s", a.name, p)
		// Whatever the preview holds, the audience would have to see it.
		fx.scan(t, where, string(raw), func(*mxPerson) mxRel { return a.rel })
		// The preview takes the audience's eyes: check it as if that
		// audience were asking.
		as := mxViewer{name: a.name}
		switch a.rel {
		case relMember:
			as.v.Role = viewer.RoleMember
		case relPartner:
			as.v.Role = viewer.RolePartner
		}
		if !mxSeesPerson(a.rel, p) {
			if string(raw) != "null" {
				t.Errorf("%s: LEAK: got %s, want null (the audience does not see the person)", where, raw)
			}
			continue
		}
		var v mxPersonView
		if err := json.Unmarshal(raw, &v); err != nil || v.ID == "" {
			t.Errorf("%s: got %s, want the person", where, raw)
			continue
		}
		fx.checkView(t, where, as, p, &v)
	}
}

// ---- The tests --------------------------------------------------------------

func TestPrivacyMatrix(t *testing.T) {
	t.Parallel()
	fx := mxBuild(t)
	viewers := append([]mxViewer{}, fx.viewers...)
	// Two subjects as themselves on every path: the most hidden and the
	// most open.
	viewers = append(viewers,
		fx.selfViewer(fx.subjects[len(visibility.All)*len(visibility.All)-1]),                // unlisted, PRIVATE/PRIVATE
		fx.selfViewer(fx.subjects[len(fx.subjects)-len(visibility.All)*len(visibility.All)]), // listed, PUBLIC/PUBLIC, partners
	)
	t.Run("paths", func(t *testing.T) {
		for _, vw := range viewers {
			t.Run(vw.name, func(t *testing.T) {
				t.Parallel()
				c := fx.as(vw.v)
				t.Run("lists", func(t *testing.T) { fx.checkLists(t, c, vw) })
				t.Run("cohorts", func(t *testing.T) { fx.checkCohorts(t, c, vw) })
				t.Run("nodes", func(t *testing.T) { fx.checkNodes(t, c, vw, fx.people) })
				t.Run("own", func(t *testing.T) { fx.checkOwn(t, c, vw) })
			})
		}
		// Every subject as themself: their own person, groups, export
		// and previews for each audience.
		const groups = 4
		for g := 0; g < groups; g++ {
			t.Run(fmt.Sprintf("self/%d", g), func(t *testing.T) {
				t.Parallel()
				for i := g; i < len(fx.subjects); i += groups {
					vw := fx.selfViewer(fx.subjects[i])
					c := fx.as(vw.v)
					fx.checkNodes(t, c, vw, []*mxPerson{fx.subjects[i]})
					fx.checkMyData(t, c, vw)
					fx.checkPreviews(t, c, vw)
				}
			})
		}
	})
	// After every path has been read: the audit log of those reads.
	t.Run("audit", func(t *testing.T) { fx.checkAudit(t) })
	t.Logf("matrix: %d people (%d subjects: listed x partners x %d profile levels x %d contact levels), %d viewers",
		len(fx.people), len(fx.subjects), len(visibility.All), len(visibility.All), len(fx.viewers)+len(fx.subjects))
}

// checkAudit: staff reads of contact details are in the audit log (which
// only admins read); nobody else's reads are, and nothing is recorded of
// contact details that were not shown.
func (fx *mxFixture) checkAudit(t *testing.T) {
	admin := fx.as(fx.viewers[5].v)
	type event struct {
		Action          string `json:"action"`
		ActorAccountID  *int   `json:"actorAccountID"`
		SubjectPersonID *int   `json:"subjectPersonID"`
	}
	all := func() []event {
		var events []event
		var after any
		for page := 0; page < 200; page++ {
			r := mxPost(t, admin, `query($after: Cursor) { auditEvents(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { action actorAccountID subjectPersonID } } } }`, map[string]any{"after": after})
			mxNoErrors(t, "auditEvents", r)
			var out struct {
				AuditEvents struct {
					PageInfo struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
					Edges []struct {
						Node event `json:"node"`
					} `json:"edges"`
				} `json:"auditEvents"`
			}
			r.decode(t, &out)
			for _, e := range out.AuditEvents.Edges {
				events = append(events, e.Node)
			}
			if !out.AuditEvents.PageInfo.HasNextPage {
				break
			}
			after = out.AuditEvents.PageInfo.EndCursor
		}
		return events
	}
	byStaff := func(events []event, subject int) int {
		n := 0
		for _, e := range events {
			if e.Action == "contact.read" && e.ActorAccountID != nil && *e.ActorAccountID == fx.staff.accountID &&
				e.SubjectPersonID != nil && *e.SubjectPersonID == subject {
				n++
			}
		}
		return n
	}
	events := all()
	actors := map[int]string{}
	for _, vw := range fx.viewers {
		actors[vw.v.AccountID] = vw.name
	}
	for _, e := range events {
		if e.Action != "contact.read" {
			continue
		}
		if e.ActorAccountID == nil || e.SubjectPersonID == nil {
			t.Errorf("audit event without actor or subject: %+v", e)
			continue
		}
		p := fx.byID[*e.SubjectPersonID]
		switch {
		case *e.ActorAccountID == fx.staff.accountID:
			if p == nil || p.contact == visibility.Private {
				t.Errorf("audit: a staff read of %v recorded, but staff may not see those contact details", p)
			}
			if p == fx.staff {
				t.Errorf("audit: staff reading their own contact details recorded")
			}
		case *e.ActorAccountID == fx.admin.accountID:
		default:
			t.Errorf("audit: contact read by %s (account %d) recorded; only staff and admin reads are", actors[*e.ActorAccountID], *e.ActorAccountID)
		}
	}
	for _, p := range fx.subjects {
		if p.contact != visibility.Private && byStaff(events, p.id) == 0 {
			t.Errorf("audit: staff read the contact details of %s, but no event records it", p)
		}
	}

	// One read, one more event.
	subject := fx.subjects[2*len(visibility.All)*len(visibility.All)+2] // listed, PUBLIC profile, CONNECTIONS contact
	before := byStaff(events, subject.id)
	staff := fx.as(fx.viewers[4].v)
	r := mxPost(t, staff, `query($id: ID!) { node(id: $id) { ... on ContactDetails { email } } }`, map[string]any{"id": mxID(subject.contactID)})
	mxNoErrors(t, "staff reads contact details", r)
	if !strings.Contains(r.raw, subject.email()) {
		t.Fatalf("staff could not read the contact details of %s: %s", subject, r.raw)
	}
	if after := byStaff(all(), subject.id); after != before+1 {
		t.Errorf("audit: events of staff reading %s: %d before a read, %d after, want one more", subject, before, after)
	}
}

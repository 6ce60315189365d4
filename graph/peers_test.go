package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent/cohort"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/graph"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// peersWorld is a small community for the peers API: Asel (Latin name,
// the member who searches), Айгерім and Ermek (her course mates), and an
// unlisted person; all of them take connection requests (PEER_CONTACT).
type peersWorld struct {
	t                *testing.T
	db               *database.DB
	sys              context.Context
	asel, aig, ermek int
	hidden           int
	cohort           int
	singing          int
}

func newPeersWorld(t *testing.T, db *database.DB) *peersWorld {
	t.Helper()
	c := db.Client
	ctx := viewer.SystemContext(context.Background())
	w := &peersWorld{t: t, db: db, sys: ctx}
	w.singing = c.Interest.Create().SetSlug("singing").SetLabelKk("Ән айту").SetLabelRu("Пение").SetLabelEn("Singing").SaveX(ctx).ID
	org := c.Organization.Create().SetName("Shyraq").SetKind("ASSOCIATION").SaveX(ctx)
	prog := c.Program.Create().SetName("School").SetOperatorID(org.ID).SaveX(ctx)
	start := time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC)
	w.cohort = c.Cohort.Create().SetName("Almaty, spring 2023").SetCity("Almaty").SetVenue("Centre").
		SetStartDate(start).SetEndDate(start.AddDate(0, 0, 6)).SetCapacity(15).
		SetStatus(cohort.StatusCOMPLETED).SetProgramID(prog.ID).SaveX(ctx).ID
	mk := func(given, family string, listed bool) int {
		p := c.Person.Create().SetGivenName(given).SetFamilyName(family).SetCity("Алматы").
			SetListedInDirectory(listed).SetContactVisibility(visibility.Connections).
			AddInterestIDs(w.singing).SaveX(ctx)
		c.Profile.Create().SetPersonID(p.ID).SetBio("Люблю петь").SetLanguages([]string{"kk", "ru"}).ExecX(ctx)
		c.ContactDetails.Create().SetPersonID(p.ID).SetEmail(strings.ToLower(family) + "@example.org").ExecX(ctx)
		c.Enrollment.Create().SetPersonID(p.ID).SetCohortID(w.cohort).SetStatus("COMPLETED").ExecX(ctx)
		c.Consent.Create().SetPersonID(p.ID).SetKind(consent.KindPEER_CONTACT).SetGrantedAt(start).ExecX(ctx)
		return p.ID
	}
	w.asel = mk("Asel", "Omarova", true)
	w.aig = mk("Айгерім", "Сейітова", true)
	w.ermek = mk("Ермек", "Омаров", true)
	w.hidden = mk("Нұрлан", "Ахметов", false)
	return w
}

// as returns a GraphQL client of the real schema, called as the member
// whose person is id (0 for a visitor).
func (w *peersWorld) as(id int) *client.Client {
	v := viewer.Viewer{}
	if id != 0 {
		v = viewer.Viewer{AccountID: id, PersonID: id, Role: viewer.RoleMember}
	}
	return peersClient(w.t, w.db, v)
}

func peersClient(t *testing.T, db *database.DB, v viewer.Viewer) *client.Client {
	srv := graph.NewHandler(db.Client, graph.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return client.New(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(rw, r.WithContext(viewer.NewContext(r.Context(), v)))
	}))
}

type peersErr struct {
	Message    string
	Extensions struct{ Code, Reason string }
}

// peersDo runs q and decodes its data into out, failing on any error.
func peersDo(t *testing.T, c *client.Client, q string, out any, kv ...any) {
	t.Helper()
	if errs := peersRun(t, c, q, out, kv...); len(errs) > 0 {
		t.Fatalf("%s: %+v", q, errs)
	}
}

// peersFail runs q, which must fail with code, and returns the message.
func peersFail(t *testing.T, c *client.Client, code, q string, kv ...any) string {
	t.Helper()
	errs := peersRun(t, c, q, nil, kv...)
	if len(errs) == 0 || errs[0].Extensions.Code != code {
		t.Fatalf("%s: errors %+v, want %s", q, errs, code)
	}
	return errs[0].Message
}

func peersRun(t *testing.T, c *client.Client, q string, out any, kv ...any) []peersErr {
	t.Helper()
	var opts []client.Option
	for i := 0; i+1 < len(kv); i += 2 {
		opts = append(opts, client.Var(kv[i].(string), kv[i+1]))
	}
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	var errs []peersErr
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatal(err)
		}
	}
	if out != nil && resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
	return errs
}

type personNode struct {
	ID         string
	GivenName  string
	FamilyName string
	Contact    *struct{ Email string }
}

// TestPeersFlow is the story of the issue: a member searches in Latin
// letters for a peer whose name is in Cyrillic, asks to connect; the peer
// accepts; the member now sees the peer's contact details.
func TestPeersFlow(t *testing.T) {
	w := newPeersWorld(t, testdb.Open(t))
	asel, aig := w.as(w.asel), w.as(w.aig)

	var found struct {
		SearchPeople struct {
			TotalCount int
			Edges      []struct{ Node personNode }
		}
	}
	peersDo(t, asel, `query($q: String!) { searchPeople(query: $q, filter: {city: "Almaty"}) {
		totalCount edges { node { id givenName familyName contact { email } } } } }`, &found, "q", "Aigerim Seitova")
	if found.SearchPeople.TotalCount != 1 || found.SearchPeople.Edges[0].Node.GivenName != "Айгерім" {
		t.Fatalf("search for Aigerim Seitova: %+v", found.SearchPeople)
	}
	peer := found.SearchPeople.Edges[0].Node
	if peer.Contact != nil {
		t.Fatalf("before connecting, Asel sees %+v", peer.Contact)
	}

	var req struct {
		RequestConnection struct {
			ID, Status, Message, Direction string
			Addressee                      personNode
		}
	}
	peersDo(t, asel, `mutation($id: ID!) { requestConnection(personID: $id, message: "We met in spring 2023!") {
		id status message direction addressee { givenName } } }`, &req, "id", peer.ID)
	if r := req.RequestConnection; r.Status != "PENDING" || r.Direction != "OUTGOING" || r.Addressee.GivenName != "Айгерім" {
		t.Fatalf("request: %+v", r)
	}
	msg := refusedWith(t, asel, "BAD_USER_INPUT", "ALREADY_REQUESTED",
		`mutation($id: ID!) { requestConnection(personID: $id, message: "Again") { id } }`, "id", peer.ID)
	if !strings.Contains(msg, "already asked this person") {
		t.Errorf("asking twice: %q", msg)
	}

	var pending struct {
		PendingRequestCount int
		PendingRequests     struct {
			Edges []struct {
				Node struct {
					ID, Message, Direction string
					Requester              personNode
				}
			}
		}
	}
	peersDo(t, aig, `{ pendingRequestCount pendingRequests { edges { node { id message direction requester { givenName contact { email } } } } } }`, &pending)
	if pending.PendingRequestCount != 1 || len(pending.PendingRequests.Edges) != 1 {
		t.Fatalf("Айгерім's pending requests: %+v", pending)
	}
	in := pending.PendingRequests.Edges[0].Node
	if in.ID != req.RequestConnection.ID || in.Direction != "INCOMING" || in.Message != "We met in spring 2023!" || in.Requester.GivenName != "Asel" || in.Requester.Contact != nil {
		t.Fatalf("incoming request: %+v", in)
	}

	msg = refusedWith(t, asel, "BAD_USER_INPUT", "NOT_ADDRESSEE", `mutation($id: ID!) { acceptConnection(id: $id) { id } }`, "id", in.ID)
	if !strings.Contains(msg, "only the person who was asked") {
		t.Errorf("the requester accepting: %q", msg)
	}
	var acc struct{ AcceptConnection struct{ Status string } }
	peersDo(t, aig, `mutation($id: ID!) { acceptConnection(id: $id) { status } }`, &acc, "id", in.ID)
	if acc.AcceptConnection.Status != "ACCEPTED" {
		t.Fatalf("accept: %+v", acc)
	}
	msg = refusedWith(t, aig, "BAD_USER_INPUT", "NOT_PENDING", `mutation($id: ID!) { acceptConnection(id: $id) { id } }`, "id", in.ID)
	if !strings.Contains(msg, "no longer waiting") {
		t.Errorf("accepting twice: %q", msg)
	}

	var after struct {
		Node          personNode
		MyConnections struct {
			TotalCount int
			Edges      []struct {
				Node struct{ Requester, Addressee personNode }
			}
		}
		PendingRequestCount int
	}
	peersDo(t, asel, `query($id: ID!) {
		node(id: $id) { ... on Person { givenName contact { email } } }
		myConnections { totalCount edges { node { requester { givenName } addressee { givenName contact { email } } } } }
		pendingRequestCount
	}`, &after, "id", peer.ID)
	if after.Node.Contact == nil || after.Node.Contact.Email != "сейітова@example.org" {
		t.Fatalf("connected, Asel sees Айгерім's contact %+v", after.Node.Contact)
	}
	if after.MyConnections.TotalCount != 1 || after.MyConnections.Edges[0].Node.Addressee.Contact == nil {
		t.Fatalf("Asel's connections: %+v", after.MyConnections)
	}
	// Ermek, not connected, still does not see it.
	var ermek struct{ Node personNode }
	peersDo(t, w.as(w.ermek), `query($id: ID!) { node(id: $id) { ... on Person { contact { email } } } }`, &ermek, "id", peer.ID)
	if ermek.Node.Contact != nil {
		t.Fatalf("Ermek sees %+v", ermek.Node.Contact)
	}
}

func TestPeersErrors(t *testing.T) {
	w := newPeersWorld(t, testdb.Open(t))
	asel := w.as(w.asel)
	id := func(n int) string { return fmt.Sprint(n) }
	// Refusals of the connection state machine say why in a reason, too.
	for _, c := range []struct {
		query, reason string
		kv            []any
		words         string
	}{
		{`mutation($id: ID!) { requestConnection(personID: $id) { id } }`, "SELF_REQUEST", []any{"id", id(w.asel)}, "yourself"},
		{`mutation($id: ID!, $m: String) { requestConnection(personID: $id, message: $m) { id } }`, "MESSAGE_TOO_LONG",
			[]any{"id", id(w.aig), "m", strings.Repeat("x", 501)}, "at most 500"},
		{`mutation($id: ID!) { blockPerson(personID: $id) }`, "SELF_BLOCK", []any{"id", id(w.asel)}, "block yourself"},
		{`mutation($id: ID!) { unblockPerson(personID: $id) }`, "NOT_BLOCKED", []any{"id", id(w.ermek)}, "not blocked"},
	} {
		msg := refusedWith(t, asel, "BAD_USER_INPUT", c.reason, c.query, c.kv...)
		if !strings.Contains(msg, c.words) {
			t.Errorf("%s: message %q does not say %q", c.query, msg, c.words)
		}
	}
	// Other errors have a code and no reason.
	const with = `query($ids: [ID!]!) { connectionsWith(personIDs: $ids) { id } }`
	many := make([]string, 101)
	for i := range many {
		many[i] = id(i + 1)
	}
	for _, c := range []struct {
		who         *client.Client
		code, query string
		kv          []any
		words       string
	}{
		{asel, "NOT_FOUND", `mutation($id: ID!) { requestConnection(personID: $id) { id } }`, []any{"id", id(w.hidden)}, "no such person"},
		{asel, "NOT_FOUND", `mutation { acceptConnection(id: 123456) { id } }`, nil, "no such connection"},
		{w.as(0), "UNAUTHENTICATED", `mutation($id: ID!) { requestConnection(personID: $id) { id } }`, []any{"id", id(w.aig)}, "sign in"},
		{w.as(0), "UNAUTHENTICATED", `{ pendingRequestCount }`, nil, "sign in"},
		{w.as(0), "UNAUTHENTICATED", `{ suggestedPeers { score } }`, nil, "sign in"},
		{w.as(0), "UNAUTHENTICATED", with, []any{"ids", []string{id(w.aig)}}, "sign in"},
		{asel, "BAD_USER_INPUT", with, []any{"ids", many}, "at most 100"},
		{asel, "BAD_USER_INPUT", `{ suggestedPeers(first: 21) { score } }`, nil, "between 0 and 20"},
		{asel, "BAD_USER_INPUT", `{ searchPeople(query: "a", first: 101) { totalCount } }`, nil, "at most 100"},
		{asel, "BAD_USER_INPUT", `{ searchPeople(filter: {lookingFor: "LOVE"}) { totalCount } }`, nil, "lookingFor"},
		{asel, "BAD_USER_INPUT", `{ searchPeople(query: "a", after: "bm90IGEgY3Vyc29y") { totalCount } }`, nil, "cursor"},
	} {
		msg := refusedWith(t, c.who, c.code, "", c.query, c.kv...)
		if !strings.Contains(msg, c.words) {
			t.Errorf("%s: message %q does not say %q", c.query, msg, c.words)
		}
	}
	// Blocked: Айгерім blocks Asel, who no longer finds her nor can ask.
	var ok struct{ BlockPerson bool }
	peersDo(t, w.as(w.aig), `mutation($id: ID!) { blockPerson(personID: $id) }`, &ok, "id", id(w.asel))
	peersFail(t, asel, "NOT_FOUND", `mutation($id: ID!) { requestConnection(personID: $id) { id } }`, "id", id(w.aig))
	var found struct{ SearchPeople struct{ TotalCount int } }
	peersDo(t, asel, `{ searchPeople(query: "Айгерім") { totalCount } }`, &found)
	if found.SearchPeople.TotalCount != 0 {
		t.Errorf("Asel finds Айгерім, who blocked her")
	}
	var blocked struct {
		BlockedPeople struct {
			Edges []struct {
				Node struct{ Addressee personNode }
			}
		}
	}
	peersDo(t, w.as(w.aig), `{ blockedPeople { edges { node { addressee { givenName } } } } }`, &blocked)
	if len(blocked.BlockedPeople.Edges) != 1 || blocked.BlockedPeople.Edges[0].Node.Addressee.GivenName != "Asel" {
		t.Errorf("Айгерім's blocked people: %+v", blocked)
	}
}

func TestSuggestedPeersAPI(t *testing.T) {
	w := newPeersWorld(t, testdb.Open(t))
	var got struct {
		SuggestedPeers []struct {
			Person  personNode
			Score   int
			Reasons []struct {
				Kind       string
				Cohort     *struct{ Name string }
				Interest   *struct{ LabelEn string }
				City       *string
				LookingFor *string
			}
		}
	}
	peersDo(t, w.as(w.asel), `{ suggestedPeers(first: 5) { person { givenName } score
		reasons { kind cohort { name } interest { labelEn } city lookingFor } } }`, &got)
	if len(got.SuggestedPeers) != 2 {
		t.Fatalf("suggestions: %+v", got)
	}
	// Both share as much; Омаров comes before Сейітова.
	if got.SuggestedPeers[0].Person.GivenName != "Ермек" {
		t.Errorf("first suggestion: %+v", got.SuggestedPeers[0])
	}
	s := got.SuggestedPeers[1]
	if s.Person.GivenName != "Айгерім" || s.Score != 48 || len(s.Reasons) != 3 || s.Reasons[0].City != nil ||
		s.Reasons[0].Kind != "SHARED_COHORT" || s.Reasons[0].Cohort.Name != "Almaty, spring 2023" ||
		s.Reasons[1].Kind != "SHARED_INTEREST" || s.Reasons[1].Interest.LabelEn != "Singing" ||
		s.Reasons[2].Kind != "SAME_CITY" || *s.Reasons[2].City != "Алматы" {
		t.Fatalf("second suggestion: %+v", s)
	}
}

// TestPeersStatements proves the lists of this API load what they select
// of people eagerly: a page of 12 costs as many statements as a page of 3.
func TestPeersStatements(t *testing.T) {
	db, counter := testdb.OpenCounted(t)
	w := newPeersWorld(t, db)
	ctx := w.sys
	for i := range 20 {
		p := db.Client.Person.Create().SetGivenName(fmt.Sprintf("Aigerim%02d", i)).SetFamilyName("Test").
			SetCity("Almaty").SetListedInDirectory(true).AddInterestIDs(w.singing).SaveX(ctx)
		db.Client.Enrollment.Create().SetPersonID(p.ID).SetCohortID(w.cohort).SetStatus("COMPLETED").ExecX(ctx)
	}
	asel := peersClient(t, db, viewer.Viewer{AccountID: w.asel, PersonID: w.asel, Role: viewer.RoleMember})
	for _, q := range []string{
		`query($n: Int!) { searchPeople(query: "aigerim", first: $n) { totalCount edges { node {
			givenName interests { edges { node { labelEn } } } enrollments { edges { node { cohort { name } } } } } } } }`,
		`query($n: Int!) { suggestedPeers(first: $n) { score reasons { kind } person {
			givenName interests { edges { node { labelEn } } } enrollments { edges { node { cohort { name } } } } } } }`,
	} {
		count := func(n int) int64 {
			counter.Reset()
			var out map[string]any
			peersDo(t, asel, q, &out, "n", n)
			return counter.Count()
		}
		// Once first: what is kept between requests (search's tags) is
		// read then, not on every request.
		count(1)
		small, large := count(3), count(12)
		if small != large {
			t.Errorf("%s\nstatements: %d for 3, %d for 12", q, small, large)
		}
	}
}

// peerContact grants or revokes the PEER_CONTACT consent of person id,
// through the API, as they do it themself.
func (w *peersWorld) peerContact(id int, granted bool) {
	w.t.Helper()
	var out struct{ SetConsent struct{ Granted bool } }
	peersDo(w.t, w.as(id), `mutation($g: Boolean!) { setConsent(kind: PEER_CONTACT, granted: $g) { granted } }`, &out, "g", granted)
	if out.SetConsent.Granted != granted {
		w.t.Fatalf("setConsent(PEER_CONTACT, %v): %+v", granted, out)
	}
}

// connectionCount is the number of connections, as the system reads them.
func (w *peersWorld) connectionCount() int {
	w.t.Helper()
	return w.db.Client.Connection.Query().CountX(w.sys)
}

// refusedWith runs q, which must be refused with code and reason, and
// returns the message.
func refusedWith(t *testing.T, c *client.Client, code, reason, q string, kv ...any) string {
	t.Helper()
	errs := peersRun(t, c, q, nil, kv...)
	if len(errs) != 1 || errs[0].Extensions.Code != code || errs[0].Extensions.Reason != reason {
		t.Fatalf("%s: errors %+v, want %s with reason %q", q, errs, code, reason)
	}
	return errs[0].Message
}

// TestRequestNeedsPeerContactAPI: a request goes only between people who
// both allow being asked; the refusal says why, in words and in a reason
// clients can translate, and writes nothing.
func TestRequestNeedsPeerContactAPI(t *testing.T) {
	w := newPeersWorld(t, testdb.Open(t))
	asel := w.as(w.asel)
	const ask = `mutation($id: ID!) { requestConnection(personID: $id, message: "Hi!") { id status } }`
	const accepting = `query($ids: [ID!]!) { peopleAcceptingRequests(personIDs: $ids) }`
	all := []string{fmt.Sprint(w.asel), fmt.Sprint(w.aig), fmt.Sprint(w.ermek), fmt.Sprint(w.hidden)}

	var acc struct{ PeopleAcceptingRequests []string }
	peersDo(t, asel, accepting, &acc, "ids", all)
	if got := strings.Join(acc.PeopleAcceptingRequests, ","); !sameIDs(got, all[:3]) {
		t.Fatalf("accepting requests: %s, want %v (the unlisted person is not seen)", got, all[:3])
	}

	w.peerContact(w.aig, false)
	msg := refusedWith(t, asel, "BAD_USER_INPUT", "PEER_CONTACT_NOT_GRANTED", ask, "id", fmt.Sprint(w.aig))
	if !strings.Contains(msg, "does not take connection requests") {
		t.Errorf("refusal: %q", msg)
	}
	if n := w.connectionCount(); n != 0 {
		t.Fatalf("%d connections after the refusal, want none", n)
	}
	peersDo(t, asel, accepting, &acc, "ids", all)
	if got := strings.Join(acc.PeopleAcceptingRequests, ","); !sameIDs(got, []string{all[0], all[2]}) {
		t.Fatalf("accepting requests after Айгерім revoked: %s", got)
	}
	// She no longer comes up in suggestions; Ermek still does.
	var sug struct {
		SuggestedPeers []struct{ Person personNode }
	}
	peersDo(t, asel, `{ suggestedPeers { person { givenName } } }`, &sug)
	if len(sug.SuggestedPeers) != 1 || sug.SuggestedPeers[0].Person.GivenName != "Ермек" {
		t.Fatalf("suggestions: %+v, want only Ермек", sug)
	}
	// The unlisted person is not found, consent or not.
	w.peerContact(w.hidden, false)
	peersFail(t, asel, "NOT_FOUND", ask, "id", fmt.Sprint(w.hidden))

	// Without her own consent, Asel cannot ask anyone.
	w.peerContact(w.asel, false)
	msg = refusedWith(t, asel, "BAD_USER_INPUT", "REQUESTER_PEER_CONTACT_NOT_GRANTED", ask, "id", fmt.Sprint(w.ermek))
	if !strings.Contains(msg, "account settings") {
		t.Errorf("refusal: %q", msg)
	}
	if n := w.connectionCount(); n != 0 {
		t.Fatalf("%d connections after the refusal, want none", n)
	}
	w.peerContact(w.asel, true)
	var req struct{ RequestConnection struct{ Status string } }
	peersDo(t, asel, ask, &req, "id", fmt.Sprint(w.ermek))
	if req.RequestConnection.Status != "PENDING" {
		t.Fatalf("both consent: %+v", req)
	}

	// Partners and visitors are not told who takes requests.
	peersFail(t, w.as(0), "UNAUTHENTICATED", accepting, "ids", all)
	partner := peersClient(t, w.db, viewer.Viewer{AccountID: 99, PersonID: w.ermek, Role: viewer.RolePartner})
	peersFail(t, partner, "FORBIDDEN", accepting, "ids", all)
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprint(i + 1)
	}
	peersFail(t, asel, "BAD_USER_INPUT", accepting, "ids", many)
}

// TestRevokedPeerContactKeepsPending: the addressee revokes PEER_CONTACT;
// the request already sent still waits for them, and they can accept it.
func TestRevokedPeerContactKeepsPending(t *testing.T) {
	w := newPeersWorld(t, testdb.Open(t))
	var req struct{ RequestConnection struct{ ID string } }
	peersDo(t, w.as(w.asel), `mutation($id: ID!) { requestConnection(personID: $id) { id } }`, &req, "id", fmt.Sprint(w.aig))
	w.peerContact(w.aig, false)

	aig := w.as(w.aig)
	var pending struct {
		PendingRequestCount int
		PendingRequests     struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	peersDo(t, aig, `{ pendingRequestCount pendingRequests { edges { node { id } } } }`, &pending)
	if pending.PendingRequestCount != 1 || len(pending.PendingRequests.Edges) != 1 || pending.PendingRequests.Edges[0].Node.ID != req.RequestConnection.ID {
		t.Fatalf("after revoking, Айгерім's requests: %+v", pending)
	}
	// No new request reaches her.
	refusedWith(t, w.as(w.ermek), "BAD_USER_INPUT", "PEER_CONTACT_NOT_GRANTED",
		`mutation($id: ID!) { requestConnection(personID: $id) { id } }`, "id", fmt.Sprint(w.aig))
	var acc struct{ AcceptConnection struct{ Status string } }
	peersDo(t, aig, `mutation($id: ID!) { acceptConnection(id: $id) { status } }`, &acc, "id", req.RequestConnection.ID)
	if acc.AcceptConnection.Status != "ACCEPTED" {
		t.Fatalf("accepting after revoking: %+v", acc)
	}
	var mine struct{ MyConnections struct{ TotalCount int } }
	peersDo(t, aig, `{ myConnections { totalCount } }`, &mine)
	if mine.MyConnections.TotalCount != 1 {
		t.Fatalf("Айгерім's connections: %+v", mine)
	}
}

// sameIDs reports whether the comma-separated IDs got are want, in any order.
func sameIDs(got string, want []string) bool {
	ids := strings.Split(got, ",")
	if got == "" {
		ids = nil
	}
	if len(ids) != len(want) {
		return false
	}
	for _, w := range want {
		if !slices.Contains(ids, w) {
			return false
		}
	}
	return true
}

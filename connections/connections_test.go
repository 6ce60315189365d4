package connections_test

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/connections"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/personal"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// trio is three members, Asel, Bolat and Vera, with contact details that
// only connections see; all three allow others to ask them to connect
// (PEER_CONTACT).
type trio struct {
	t       *testing.T
	client  *ent.Client
	sys     context.Context
	a, b, c int                     // person IDs
	as      map[int]context.Context // a member's context, by person
}

func newTrio(t *testing.T) *trio {
	t.Helper()
	client := testdb.Open(t).Client
	x := &trio{t: t, client: client, sys: viewer.SystemContext(context.Background()), as: map[int]context.Context{}}
	for i, name := range []string{"Asel", "Bolat", "Vera"} {
		p := client.Person.Create().SetGivenName(name).SetFamilyName("Test").SetCity("Almaty").
			SetListedInDirectory(true).SetContactVisibility(visibility.Connections).SaveX(x.sys)
		client.ContactDetails.Create().SetPersonID(p.ID).SetEmail(strings.ToLower(name) + "@example.org").ExecX(x.sys)
		client.Consent.Create().SetPersonID(p.ID).SetKind(consent.KindPEER_CONTACT).SetGrantedAt(time.Now()).ExecX(x.sys)
		x.as[p.ID] = viewer.NewContext(context.Background(), viewer.Viewer{AccountID: i + 1, PersonID: p.ID, Role: viewer.RoleMember})
		switch i {
		case 0:
			x.a = p.ID
		case 1:
			x.b = p.ID
		default:
			x.c = p.ID
		}
	}
	return x
}

// refused checks that err is the client error want (or has its code).
// Errors that are not refusals of the input carry no reason.
func refused(t *testing.T, what string, err error, want *apierror.Error) {
	t.Helper()
	var ae *apierror.Error
	if !errors.As(err, &ae) {
		t.Fatalf("%s: err = %v, want %q", what, err, want.Message)
	}
	if ae.Code != want.Code || (want.Message != "" && ae.Message != want.Message) {
		t.Fatalf("%s: err = %s %q, want %s %q", what, ae.Code, ae.Message, want.Code, want.Message)
	}
	if r := (*connections.Refusal)(nil); want.Code != apierror.BadUserInput && errors.As(err, &r) {
		t.Fatalf("%s: a %s error with the reason %s", what, ae.Code, r.Reason())
	}
}

func code(c string) *apierror.Error { return &apierror.Error{Code: c} }

// email returns the contact email of person id as the viewer of ctx sees
// it, "" if hidden.
func (x *trio) email(ctx context.Context, id int) string {
	x.t.Helper()
	cd, err := x.client.Person.Query().Where(person.ID(id)).QueryContact().Only(ctx)
	if ent.IsNotFound(err) {
		return ""
	}
	if err != nil {
		x.t.Fatal(err)
	}
	return cd.Email
}

// sees reports whether the viewer of ctx sees person id at all.
func (x *trio) sees(ctx context.Context, id int) bool {
	x.t.Helper()
	ok, err := x.client.Person.Query().Where(person.ID(id)).Exist(ctx)
	if err != nil {
		x.t.Fatal(err)
	}
	return ok
}

func TestRequestAcceptShowsContact(t *testing.T) {
	x := newTrio(t)
	asA, asB := x.as[x.a], x.as[x.b]
	if got := x.email(asA, x.b); got != "" {
		t.Fatalf("before connecting, Asel sees Bolat's email %q", got)
	}
	req, err := connections.Request(asA, x.client, x.b, "  Hello from the spring course!  ")
	if err != nil {
		t.Fatal(err)
	}
	if req.Status != connection.StatusPENDING || req.RequesterID != x.a || req.AddresseeID != x.b || req.Message != "Hello from the spring course!" {
		t.Fatalf("request = %+v", req)
	}
	_, err = connections.Request(asA, x.client, x.b, "again")
	refusedFor(t, "asking twice", err, connections.ErrAlreadyPending)
	if got := x.email(asA, x.b); got != "" {
		t.Fatalf("with a pending request, Asel sees Bolat's email %q", got)
	}
	_, err = connections.Accept(asA, x.client, req.ID)
	refusedFor(t, "the requester accepting", err, connections.ErrNotAddressee)
	_, err = connections.Accept(x.as[x.c], x.client, req.ID)
	refused(t, "a stranger accepting", err, code(apierror.NotFound))

	acc, err := connections.Accept(asB, x.client, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Status != connection.StatusACCEPTED || acc.RespondedAt == nil {
		t.Fatalf("accepted = %+v", acc)
	}
	_, err = connections.Accept(asB, x.client, req.ID)
	refusedFor(t, "accepting twice", err, connections.ErrNotPending)
	_, err = connections.Decline(asB, x.client, req.ID)
	refusedFor(t, "declining after accepting", err, connections.ErrNotPending)
	_, err = connections.Request(asB, x.client, x.a, "")
	refusedFor(t, "asking a connection", err, connections.ErrAlreadyAccepted)

	// Contact details are CONNECTIONS: now both see each other's.
	if got := x.email(asA, x.b); got != "bolat@example.org" {
		t.Fatalf("connected, Asel sees Bolat's email %q", got)
	}
	if got := x.email(asB, x.a); got != "asel@example.org" {
		t.Fatalf("connected, Bolat sees Asel's email %q", got)
	}
	if got := x.email(x.as[x.c], x.b); got != "" {
		t.Fatalf("Vera sees Bolat's email %q", got)
	}

	// Removing the connection hides them again.
	if err := connections.Remove(x.as[x.c], x.client, req.ID); err == nil {
		t.Fatal("Vera removed a connection of others")
	}
	if err := connections.Remove(asB, x.client, req.ID); err != nil {
		t.Fatal(err)
	}
	if got := x.email(asA, x.b); got != "" {
		t.Fatalf("after removal, Asel sees Bolat's email %q", got)
	}
	if _, err := connections.Request(asA, x.client, x.b, "once more"); err != nil {
		t.Fatalf("asking again after removal: %v", err)
	}
}

func TestBadRequests(t *testing.T) {
	x := newTrio(t)
	asA := x.as[x.a]
	_, err := connections.Request(asA, x.client, x.a, "me")
	refusedFor(t, "asking oneself", err, connections.ErrSelf)
	_, err = connections.Request(asA, x.client, x.b, strings.Repeat("ы", connections.MaxMessageChars+1))
	refusedFor(t, "a long message", err, connections.ErrMessageTooLong)
	if _, err := connections.Request(asA, x.client, x.b, strings.Repeat("ы", connections.MaxMessageChars)); err != nil {
		t.Fatalf("a message of %d characters: %v", connections.MaxMessageChars, err)
	}
	_, err = connections.Request(asA, x.client, 1<<40, "")
	refused(t, "asking no one", err, code(apierror.NotFound))
	_, err = connections.Request(context.Background(), x.client, x.b, "")
	refused(t, "a visitor asking", err, code(apierror.Unauthenticated))
	partner := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 9, PersonID: x.c, Role: viewer.RolePartner})
	_, err = connections.Request(partner, x.client, x.b, "")
	refused(t, "a partner asking", err, code(apierror.Forbidden))
	staff := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 10, Role: viewer.RoleStaff})
	_, err = connections.Request(staff, x.client, x.b, "")
	refused(t, "staff without a person asking", err, code(apierror.Forbidden))

	// An unlisted person is not found, unless they asked first.
	x.client.Person.UpdateOneID(x.c).SetListedInDirectory(false).ExecX(x.sys)
	_, err = connections.Request(asA, x.client, x.c, "")
	refused(t, "asking an unlisted person", err, code(apierror.NotFound))
	req, err := connections.Request(x.as[x.c], x.client, x.a, "hi, I am not listed")
	if err != nil {
		t.Fatal(err)
	}
	if !x.sees(asA, x.c) {
		t.Fatal("Asel cannot see the unlisted person who asked her")
	}
	if _, err := connections.Accept(asA, x.client, req.ID); err != nil {
		t.Fatal(err)
	}
}

func TestDeclineWithdrawAskAgain(t *testing.T) {
	x := newTrio(t)
	asA, asB := x.as[x.a], x.as[x.b]
	req, err := connections.Request(asA, x.client, x.b, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = connections.Withdraw(asB, x.client, req.ID)
	refusedFor(t, "the addressee withdrawing", err, connections.ErrNotRequester)
	w, err := connections.Withdraw(asA, x.client, req.ID)
	if err != nil || w.Status != connection.StatusWITHDRAWN {
		t.Fatalf("withdraw: %+v, %v", w, err)
	}
	_, err = connections.Accept(asB, x.client, req.ID)
	refusedFor(t, "accepting a withdrawn request", err, connections.ErrNotPending)

	again, err := connections.Request(asA, x.client, x.b, "sorry, I clicked too soon")
	if err != nil || again.Status != connection.StatusPENDING || again.ID == req.ID {
		t.Fatalf("asking again after withdrawing: %+v, %v", again, err)
	}
	d, err := connections.Decline(asB, x.client, again.ID)
	if err != nil || d.Status != connection.StatusDECLINED {
		t.Fatalf("decline: %+v, %v", d, err)
	}
	_, err = connections.Request(asA, x.client, x.b, "please")
	refusedFor(t, "asking again after a decline", err, connections.ErrDeclined)
	// The one who declined may change their mind and ask.
	back, err := connections.Request(asB, x.client, x.a, "I changed my mind")
	if err != nil || back.RequesterID != x.b || back.Status != connection.StatusPENDING {
		t.Fatalf("asking after declining: %+v, %v", back, err)
	}
}

func TestMutualRequestAccepts(t *testing.T) {
	x := newTrio(t)
	req, err := connections.Request(x.as[x.a], x.client, x.b, "hi")
	if err != nil {
		t.Fatal(err)
	}
	got, err := connections.Request(x.as[x.b], x.client, x.a, "hi to you")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != req.ID || got.Status != connection.StatusACCEPTED || got.RequesterID != x.a {
		t.Fatalf("asking someone who asked first = %+v, want their request accepted", got)
	}
}

func TestBlock(t *testing.T) {
	x := newTrio(t)
	asA, asB := x.as[x.a], x.as[x.b]
	req, err := connections.Request(asA, x.client, x.b, "hi")
	if err != nil {
		t.Fatal(err)
	}
	_, err = connections.Block(asB, x.client, x.b)
	refusedFor(t, "blocking oneself", err, connections.ErrSelfBlock)
	blk, err := connections.Block(asB, x.client, x.a)
	if err != nil {
		t.Fatal(err)
	}
	if blk.RequesterID != x.b || blk.AddresseeID != x.a || blk.Status != connection.StatusBLOCKED {
		t.Fatalf("block = %+v, want Bolat -> Asel BLOCKED", blk)
	}
	if again, err := connections.Block(asB, x.client, x.a); err != nil || again.ID != blk.ID {
		t.Fatalf("blocking again: %+v, %v", again, err)
	}
	// Asel's request is gone; she no longer sees Bolat, nor the block.
	if _, err := x.client.Connection.Get(x.sys, req.ID); !ent.IsNotFound(err) {
		t.Fatalf("the blocked request is still there: %v", err)
	}
	if x.sees(asA, x.b) {
		t.Fatal("Asel still sees Bolat, who blocked her")
	}
	if n := x.client.Connection.Query().CountX(asA); n != 0 {
		t.Fatalf("Asel reads %d connections, want none (not the block)", n)
	}
	if !x.sees(asB, x.a) {
		t.Fatal("Bolat no longer sees Asel, whom he blocked")
	}
	_, err = connections.Request(asA, x.client, x.b, "why?")
	refused(t, "asking a blocker", err, code(apierror.NotFound))
	_, err = connections.Block(asA, x.client, x.b)
	refused(t, "blocking a blocker", err, code(apierror.NotFound))
	_, err = connections.Request(asB, x.client, x.a, "")
	refusedFor(t, "asking someone one blocked", err, connections.ErrYouBlocked)
	refusedFor(t, "Asel unblocking", connections.Unblock(asA, x.client, x.b), connections.ErrNotBlocked)

	if err := connections.Unblock(asB, x.client, x.a); err != nil {
		t.Fatal(err)
	}
	refusedFor(t, "unblocking twice", connections.Unblock(asB, x.client, x.a), connections.ErrNotBlocked)
	if !x.sees(asA, x.b) {
		t.Fatal("after the unblock, Asel does not see Bolat")
	}
	if _, err := connections.Request(asA, x.client, x.b, "hello again"); err != nil {
		t.Fatal(err)
	}
	// Blocking an accepted connection ends it: no more contact details.
	c := x.client.Connection.Query().OnlyX(x.sys)
	if _, err := connections.Accept(asB, x.client, c.ID); err != nil {
		t.Fatal(err)
	}
	if x.email(asB, x.a) == "" {
		t.Fatal("connected, Bolat does not see Asel's email")
	}
	if _, err := connections.Block(asA, x.client, x.b); err != nil {
		t.Fatal(err)
	}
	if got := x.email(asB, x.a); got != "" || x.sees(asB, x.a) {
		t.Fatalf("blocked by Asel, Bolat still sees her (email %q)", got)
	}
}

// TestPolicy checks the Connection policy on its own, with writes that
// bypass package connections.
func TestPolicy(t *testing.T) {
	x := newTrio(t)
	asA, asB, asC := x.as[x.a], x.as[x.b], x.as[x.c]
	now := time.Now()
	denied := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, privacy.Deny) {
			t.Fatalf("%s: err = %v, want a privacy denial", what, err)
		}
	}
	denied("asking in someone else's name", x.client.Connection.Create().
		SetRequesterID(x.a).SetAddresseeID(x.c).SetCreatedAt(now).Exec(asB))
	denied("creating an accepted connection", x.client.Connection.Create().
		SetRequesterID(x.b).SetAddresseeID(x.c).SetStatus(connection.StatusACCEPTED).SetCreatedAt(now).Exec(asB))
	denied("asking oneself", x.client.Connection.Create().
		SetRequesterID(x.b).SetAddresseeID(x.b).SetCreatedAt(now).Exec(asB))
	req := x.client.Connection.Create().SetRequesterID(x.a).SetAddresseeID(x.b).SetCreatedAt(now).SaveX(asA)
	denied("the requester accepting", x.client.Connection.UpdateOneID(req.ID).SetStatus(connection.StatusACCEPTED).Exec(asA))
	denied("a stranger accepting", x.client.Connection.UpdateOneID(req.ID).SetStatus(connection.StatusACCEPTED).Exec(asC))
	denied("the addressee changing the message", x.client.Connection.UpdateOneID(req.ID).SetMessage("edited").Exec(asB))
	denied("a bulk update", func() error {
		_, err := x.client.Connection.Update().SetStatus(connection.StatusACCEPTED).Save(asB)
		return err
	}())
	x.client.Connection.UpdateOneID(req.ID).SetStatus(connection.StatusDECLINED).ExecX(asB)
	denied("the requester erasing a decline", x.client.Connection.DeleteOneID(req.ID).Exec(asA))
	denied("a stranger deleting", x.client.Connection.DeleteOneID(req.ID).Exec(asC))
	// A block stays until its owner lifts it.
	blk := x.client.Connection.Create().SetRequesterID(x.c).SetAddresseeID(x.a).
		SetStatus(connection.StatusBLOCKED).SetCreatedAt(now).SaveX(asC)
	denied("the blocked person deleting the block", x.client.Connection.DeleteOneID(blk.ID).Exec(asA))
	denied("the blocked person accepting the block", x.client.Connection.UpdateOneID(blk.ID).SetStatus(connection.StatusACCEPTED).Exec(asA))
	x.client.Connection.DeleteOneID(blk.ID).ExecX(asC)
}

// TestOnePerPair checks the unique pair index: B -> A cannot be added
// while A -> B exists, whoever writes.
func TestOnePerPair(t *testing.T) {
	x := newTrio(t)
	now := time.Now()
	x.client.Connection.Create().SetRequesterID(x.a).SetAddresseeID(x.b).SetCreatedAt(now).ExecX(x.sys)
	err := x.client.Connection.Create().SetRequesterID(x.b).SetAddresseeID(x.a).SetCreatedAt(now).Exec(x.sys)
	if !ent.IsConstraintError(err) {
		t.Fatalf("B -> A beside A -> B: err = %v, want a constraint error", err)
	}
}

// peerContact grants or revokes the PEER_CONTACT consent of person id, as
// they do it themself.
func (x *trio) peerContact(id int, granted bool) {
	x.t.Helper()
	if _, err := personal.SetConsent(x.as[id], x.client, consent.KindPEER_CONTACT, granted); err != nil {
		x.t.Fatal(err)
	}
}

// connections returns every connection, as the system reads them.
func (x *trio) connections() []*ent.Connection {
	x.t.Helper()
	return x.client.Connection.Query().Order(ent.Asc(connection.FieldID)).AllX(x.sys)
}

// refusedFor checks that err is the refusal want, reason and all.
func refusedFor(t *testing.T, what string, err error, want *connections.Refusal) {
	t.Helper()
	var r *connections.Refusal
	if !errors.As(err, &r) || r != want {
		t.Fatalf("%s: err = %v, want %q (%s)", what, err, want, want.Reason())
	}
	var ae *apierror.Error
	if !errors.As(err, &ae) || ae.Code != apierror.BadUserInput {
		t.Fatalf("%s: err = %v, want a BAD_USER_INPUT client error", what, err)
	}
}

func TestRequestNeedsPeerContact(t *testing.T) {
	x := newTrio(t)
	asA := x.as[x.a]

	// Bolat never allowed requests: none reaches him, nothing is written.
	x.client.Consent.Delete().Where(consent.PersonID(x.b)).ExecX(x.sys)
	_, err := connections.Request(asA, x.client, x.b, "hi")
	refusedFor(t, "asking a person who never consented", err, connections.ErrNoPeerContact)
	if got := x.connections(); len(got) != 0 {
		t.Fatalf("after the refusal: %+v, want no connection", got)
	}

	// Granted, then revoked: the same.
	x.peerContact(x.b, true)
	x.peerContact(x.b, false)
	_, err = connections.Request(asA, x.client, x.b, "hi")
	refusedFor(t, "asking a person who revoked the consent", err, connections.ErrNoPeerContact)
	if got := x.connections(); len(got) != 0 {
		t.Fatalf("after the refusal: %+v, want no connection", got)
	}
	// Granted again: the request goes through.
	x.peerContact(x.b, true)
	req, err := connections.Request(asA, x.client, x.b, "hi")
	if err != nil || req.Status != connection.StatusPENDING {
		t.Fatalf("both consent: %+v, %v", req, err)
	}

	// A withdrawn request is not replaced by a refused one.
	if _, err := connections.Withdraw(asA, x.client, req.ID); err != nil {
		t.Fatal(err)
	}
	x.peerContact(x.b, false)
	_, err = connections.Request(asA, x.client, x.b, "again")
	refusedFor(t, "asking again a person who revoked the consent", err, connections.ErrNoPeerContact)
	if got := x.connections(); len(got) != 1 || got[0].ID != req.ID || got[0].Status != connection.StatusWITHDRAWN {
		t.Fatalf("after the refusal: %+v, want only the withdrawn request", got)
	}

	// The requester must consent too, whoever they ask.
	x.peerContact(x.a, false)
	_, err = connections.Request(asA, x.client, x.c, "hi")
	refusedFor(t, "asking without one's own consent", err, connections.ErrOwnPeerContact)
	if got := x.connections(); len(got) != 1 {
		t.Fatalf("after the refusal: %d connections, want 1", len(got))
	}
	x.peerContact(x.a, true)
	if _, err := connections.Request(asA, x.client, x.c, "hi"); err != nil {
		t.Fatalf("own consent given again: %v", err)
	}
}

// TestPeerContactTellsNothingHidden: a person the requester may not see is
// not found, as before, whatever their consents.
func TestPeerContactTellsNothingHidden(t *testing.T) {
	x := newTrio(t)
	asA := x.as[x.a]
	x.peerContact(x.c, false)
	x.client.Person.UpdateOneID(x.c).SetListedInDirectory(false).ExecX(x.sys)
	_, err := connections.Request(asA, x.client, x.c, "")
	refused(t, "asking an unlisted person without consent", err, code(apierror.NotFound))
	// Nor does one's own missing consent come first.
	x.peerContact(x.a, false)
	_, err = connections.Request(asA, x.client, x.c, "")
	refused(t, "asking an unlisted person, without consent oneself", err, code(apierror.NotFound))
	_, err = connections.Request(asA, x.client, 1<<40, "")
	refused(t, "asking no one, without consent oneself", err, code(apierror.NotFound))
	x.peerContact(x.a, true)
	// A blocker without consent is not found either.
	if _, err := connections.Block(x.as[x.b], x.client, x.a); err != nil {
		t.Fatal(err)
	}
	x.peerContact(x.b, false)
	_, err = connections.Request(asA, x.client, x.b, "")
	refused(t, "asking a blocker without consent", err, code(apierror.NotFound))

	got, err := connections.Accepting(asA, x.client, []int{x.a, x.b, x.c, 1 << 40})
	if err != nil || len(got) != 1 || got[0] != x.a {
		t.Fatalf("Accepting: %v, %v; want only Asel (Bolat blocked her, Vera is hidden and refuses)", got, err)
	}
}

// TestRevokingKeepsWhatIsThere: revoking PEER_CONTACT stops new requests,
// but the requests already waiting can still be answered, and accepted
// connections stay.
func TestRevokingKeepsWhatIsThere(t *testing.T) {
	x := newTrio(t)
	asA, asB, asC := x.as[x.a], x.as[x.b], x.as[x.c]
	req, err := connections.Request(asA, x.client, x.b, "hi Bolat")
	if err != nil {
		t.Fatal(err)
	}
	fromVera, err := connections.Request(asC, x.client, x.b, "hi from Vera")
	if err != nil {
		t.Fatal(err)
	}
	x.peerContact(x.b, false)

	// Bolat still sees both requests waiting for him.
	waiting := x.client.Connection.Query().
		Where(connection.AddresseeID(x.b), connection.StatusEQ(connection.StatusPENDING)).CountX(asB)
	if waiting != 2 {
		t.Fatalf("Bolat sees %d requests waiting, want 2", waiting)
	}
	// He accepts one by answering, and one by asking back.
	if acc, err := connections.Accept(asB, x.client, req.ID); err != nil || acc.Status != connection.StatusACCEPTED {
		t.Fatalf("accepting after revoking: %+v, %v", acc, err)
	}
	if back, err := connections.Request(asB, x.client, x.c, ""); err != nil || back.ID != fromVera.ID || back.Status != connection.StatusACCEPTED {
		t.Fatalf("asking back after revoking: %+v, %v", back, err)
	}
	if got := x.email(asA, x.b); got != "bolat@example.org" {
		t.Fatalf("connected, Asel sees Bolat's email %q", got)
	}
	// Revoking again later leaves the connections as they are.
	x.peerContact(x.a, false)
	for _, c := range x.connections() {
		if c.Status != connection.StatusACCEPTED {
			t.Fatalf("after revoking: %+v", c)
		}
	}
	if n := len(x.connections()); n != 2 {
		t.Fatalf("after revoking: %d connections, want 2", n)
	}
	// A request Bolat sent before revoking can still be accepted.
	x.peerContact(x.b, true)
	x.peerContact(x.a, true)
	if err := connections.Remove(asA, x.client, req.ID); err != nil {
		t.Fatal(err)
	}
	mine, err := connections.Request(asB, x.client, x.a, "hi again")
	if err != nil {
		t.Fatal(err)
	}
	x.peerContact(x.b, false)
	if acc, err := connections.Accept(asA, x.client, mine.ID); err != nil || acc.Status != connection.StatusACCEPTED {
		t.Fatalf("accepting the request of someone who since revoked: %+v, %v", acc, err)
	}
}

func TestAccepting(t *testing.T) {
	x := newTrio(t)
	x.peerContact(x.b, false)
	got, err := connections.Accepting(x.as[x.a], x.client, []int{x.a, x.b, x.c})
	slices.Sort(got)
	if err != nil || !slices.Equal(got, []int{x.a, x.c}) {
		t.Fatalf("Accepting: %v, %v; want %v", got, err, []int{x.a, x.c})
	}
	if got, err := connections.Accepting(x.as[x.a], x.client, nil); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Accepting no one: %#v, %v", got, err)
	}
	_, err = connections.Accepting(context.Background(), x.client, []int{x.a})
	refused(t, "a visitor", err, code(apierror.Unauthenticated))
	partner := viewer.NewContext(context.Background(), viewer.Viewer{AccountID: 9, PersonID: x.c, Role: viewer.RolePartner})
	_, err = connections.Accepting(partner, x.client, []int{x.a})
	refused(t, "a partner", err, code(apierror.Forbidden))
}

// TestEveryRefusalHasAReason reads the package's source: every
// BAD_USER_INPUT error is made by refusal, with a reason constant of its
// own, and every reason is UPPER_SNAKE and used by exactly one refusal.
// (A frontend test checks that each Reason constant has a message in the
// SPA's catalogs: frontend/src/features/connections/__tests__/refusal.test.ts.)
func TestEveryRefusalHasAReason(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "connections.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{} // constant -> value
	values := map[string]string{}  // value -> constant
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !strings.HasPrefix(n.Name, "Reason") {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s is not a string literal", n.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				if !regexp.MustCompile(`^[A-Z]+(_[A-Z]+)*$`).MatchString(v) {
					t.Errorf("%s = %q, want UPPER_SNAKE", n.Name, v)
				}
				if other, dup := values[v]; dup {
					t.Errorf("%s and %s are both %q", other, n.Name, v)
				}
				reasons[n.Name], values[v] = v, n.Name
			}
		}
	}
	used := map[string]int{}
	for _, d := range f.Decls {
		fn, _ := d.(*ast.FuncDecl)
		ast.Inspect(d, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				if fun.Name != "refusal" {
					break
				}
				id, ok := call.Args[0].(*ast.Ident)
				if !ok || reasons[id.Name] == "" {
					t.Errorf("%s: refusal without a Reason constant", fset.Position(call.Pos()))
					break
				}
				used[id.Name]++
			case *ast.SelectorExpr:
				pkg, ok := fun.X.(*ast.Ident)
				if !ok || pkg.Name != "apierror" {
					break
				}
				inRefusal := fn != nil && fn.Name.Name == "refusal"
				if fun.Sel.Name == "Input" && !inRefusal {
					t.Errorf("%s: a BAD_USER_INPUT error without a reason; use refusal", fset.Position(call.Pos()))
				}
				if fun.Sel.Name == "New" {
					if arg, ok := call.Args[0].(*ast.SelectorExpr); ok && arg.Sel.Name == "BadUserInput" {
						t.Errorf("%s: a BAD_USER_INPUT error without a reason; use refusal", fset.Position(call.Pos()))
					}
				}
			}
			return true
		})
	}
	if len(reasons) == 0 {
		t.Fatal("no Reason constants found")
	}
	for name := range reasons {
		if used[name] != 1 {
			t.Errorf("%s is the reason of %d refusals, want 1", name, used[name])
		}
	}
}

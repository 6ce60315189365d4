package seed

import (
	"context"
	"testing"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

func TestDemoPeers(t *testing.T) {
	client, st := seeded(t)
	ctx := viewer.SystemContext(context.Background())
	member, peer := st.DemoAlumni[0], st.DemoAlumni[1]
	count := func(preds ...predicate.Connection) int {
		t.Helper()
		n, err := client.Connection.Query().Where(preds...).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	mine := connection.Or(connection.RequesterID(member), connection.AddresseeID(member))
	for _, c := range []struct {
		what string
		got  int
		want int
	}{
		{"member's accepted connections", count(mine, connection.StatusEQ(connection.StatusACCEPTED)), 2},
		{"requests waiting for the member", count(connection.AddresseeID(member), connection.StatusEQ(connection.StatusPENDING)), 1},
		{"requests the member sent", count(connection.RequesterID(member), connection.StatusEQ(connection.StatusPENDING)), 1},
		{"peer's connections", count(connection.Or(connection.RequesterID(peer), connection.AddresseeID(peer))), 1},
		{"connections between the member and the peer", count(mine, connection.Or(connection.RequesterID(peer), connection.AddresseeID(peer))), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	// A request needs both people's PEER_CONTACT consent: the demo alumni,
	// and everyone in a demo connection, take requests.
	people := map[int]bool{}
	for _, c := range client.Connection.Query().AllX(ctx) {
		people[c.RequesterID], people[c.AddresseeID] = true, true
	}
	for _, id := range st.DemoAlumni {
		people[id] = true
	}
	for id := range people {
		ok, err := client.Consent.Query().
			Where(consent.PersonID(id), consent.KindEQ(consent.KindPEER_CONTACT), consent.RevokedAtIsNil()).Exist(ctx)
		if err != nil || !ok {
			t.Errorf("person %d of the demo connections takes no requests (%v)", id, err)
		}
	}
	p, err := client.Person.Query().Where(person.ID(peer)).WithContact().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.ContactVisibility != visibility.Connections || p.Edges.Contact == nil || p.Edges.Contact.Email == "" {
		t.Errorf("the demo peer's contact: %s, %+v; want an email for CONNECTIONS", p.ContactVisibility, p.Edges.Contact)
	}
	if n, err := client.Person.Query().Where(func(s *sql.Selector) { s.Where(sqljson.LenGT(s.C(person.FieldLookingFor), 0)) }).Count(ctx); err != nil || n < 50 {
		t.Errorf("%d people look for something (%v), want at least 50", n, err)
	}
}

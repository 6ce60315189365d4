package census

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shyraq/birge/database"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/internal/testdb"
	"github.com/shyraq/birge/viewer"
)

// clock is a settable time for the census under test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	db     *database.DB
	client *ent.Client
	census *Census
	clock  *clock
	sys    context.Context
	people []*ent.Person
}

// build makes five people, the first four listed in the directory.
func build(t *testing.T) *fixture {
	t.Helper()
	db := testdb.Open(t)
	fx := &fixture{db: db, client: db.Client, clock: &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}}
	fx.census = Attach(db.Client, nil)
	fx.census.sizes.SetClock(fx.clock.now)
	fx.sys = viewer.SystemContext(context.Background())
	for i := range 5 {
		p := db.Client.Person.Create().SetGivenName(fmt.Sprintf("Test%d", i)).SetFamilyName("Censusova").
			SetCity("Almaty").SetListedInDirectory(i < 4).SaveX(fx.sys)
		fx.people = append(fx.people, p)
	}
	fx.clock.add(time.Millisecond) // counts kept from now on are after the creations
	return fx
}

// whole counts the directory as v, as the people resolver does.
func (fx *fixture) whole(t *testing.T, v viewer.Viewer) int {
	t.Helper()
	n, err := fx.client.Person.Query().Count(Whole(viewer.NewContext(context.Background(), v)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// exact counts the directory as v through the privacy policy alone.
func (fx *fixture) exact(t *testing.T, v viewer.Viewer) int {
	t.Helper()
	return fx.client.Person.Query().CountX(viewer.NewContext(context.Background(), v))
}

func TestCountMatchesPolicy(t *testing.T) {
	fx := build(t)
	me, blocker, friend := fx.people[0], fx.people[1], fx.people[4]
	// One listed person blocked me; I am connected to the unlisted one.
	fx.client.Connection.Create().SetRequesterID(blocker.ID).SetAddresseeID(me.ID).
		SetStatus(connection.StatusBLOCKED).SetCreatedAt(fx.clock.now()).SaveX(fx.sys)
	fx.client.Connection.Create().SetRequesterID(me.ID).SetAddresseeID(friend.ID).
		SetStatus(connection.StatusACCEPTED).SetCreatedAt(fx.clock.now()).SaveX(fx.sys)
	viewers := map[string]viewer.Viewer{
		"visitor":           {},
		"member":            {AccountID: 1, PersonID: me.ID, Role: viewer.RoleMember},
		"member, no person": {AccountID: 2, Role: viewer.RoleMember},
		"blocker":           {AccountID: 3, PersonID: blocker.ID, Role: viewer.RoleMember},
		"partner":           {AccountID: 4, PersonID: friend.ID, Role: viewer.RolePartner},
		"staff":             {AccountID: 5, PersonID: friend.ID, Role: viewer.RoleStaff},
	}
	for name, v := range viewers {
		if got, want := fx.whole(t, v), fx.exact(t, v); got != want {
			t.Errorf("%s: census counts %d, the policy %d", name, got, want)
		}
	}
	// The member: four listed, less the one who blocked them, plus the
	// unlisted connection.
	if got := fx.whole(t, viewers["member"]); got != 4 {
		t.Errorf("member: %d, want 4", got)
	}
}

func TestChangesAreCountedAtOnce(t *testing.T) {
	fx := build(t)
	member := viewer.Viewer{AccountID: 1, Role: viewer.RoleMember}
	if got := fx.whole(t, member); got != 4 {
		t.Fatalf("before: %d, want 4", got)
	}
	// Through the client: seen as soon as the change commits.
	fx.client.Person.UpdateOneID(fx.people[0].ID).SetListedInDirectory(false).ExecX(fx.sys)
	if got := fx.whole(t, member); got != 3 {
		t.Errorf("after unlisting one: %d, want 3", got)
	}
	fx.client.Person.UpdateOneID(fx.people[1].ID).SetListedInDirectory(false).ExecX(fx.sys)
	if got := fx.whole(t, member); got != 2 {
		t.Errorf("after unlisting two: %d, want 2", got)
	}
}

func TestOtherProcessesChangesAfterMaxAge(t *testing.T) {
	fx := build(t)
	member := viewer.Viewer{AccountID: 1, Role: viewer.RoleMember}
	if got := fx.whole(t, member); got != 4 {
		t.Fatalf("before: %d, want 4", got)
	}
	// A change the hook does not see (another process on the same
	// database, without a keep.Relay): the kept size serves until it is
	// maxAge old.
	if _, err := fx.db.SQL.Exec(fmt.Sprintf("UPDATE %s SET %s = false WHERE id = %d",
		person.Table, person.FieldListedInDirectory, fx.people[0].ID)); err != nil {
		t.Fatal(err)
	}
	if got := fx.whole(t, member); got != 4 {
		t.Errorf("within maxAge: %d, want the kept 4", got)
	}
	if got := fx.exact(t, member); got != 3 {
		t.Errorf("a count not marked Whole: %d, want the database's 3", got)
	}
	fx.clock.add(maxAge)
	if got := fx.whole(t, member); got != 3 {
		t.Errorf("after maxAge: %d, want 3", got)
	}
}

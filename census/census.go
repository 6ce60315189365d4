// Package census counts the people a viewer may see in the whole
// directory without scanning everyone on every request.
//
// An exact, privacy-correct count of the directory is a scan of every
// person, each checked against the viewer's rules (access.PersonVisible).
// But what a viewer sees differs from their role's audience
// (access.Audience: the people listed, for a member), which is the same
// for every viewer of the role, only among the viewer's own person and the
// people with a connection to them. So the count is the audience's size,
// counted once and kept for a few seconds, corrected by the viewer's own
// few: those of them the viewer sees outside the audience are added, those
// of the audience the viewer does not see (who blocked them) are taken
// away. Nothing that depends on one viewer is kept or shared.
//
// The count is used only where a query asks for the whole directory: the
// people resolver marks its context with Whole when it has no filter, and
// the interceptor that Attach installs answers that query's Count. Every
// other count goes to the database as before.
package census

import (
	"context"
	"slices"
	"time"

	entgo "entgo.io/ent"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/viewer"
)

// maxAge is how long an audience's size is kept (see package keep: a
// change made through the client is seen at once; one made by another
// process on the same database, after at most maxAge).
const maxAge = 5 * time.Second

// Census keeps the size of each audience for one ent client.
type Census struct {
	client *ent.Client
	sizes  *keep.Map[string, int] // by audience name
}

// Attach installs on client the hook that notes changes to people (and
// registers it with relay, nil for none) and the interceptor that answers
// whole-directory counts, and returns the census they share.
func Attach(client *ent.Client, relay *keep.Relay) *Census {
	c := &Census{client: client, sizes: keep.New[string, int](maxAge)}
	c.sizes.Watch(client, relay, "Person")
	client.Person.Intercept(ent.InterceptFunc(c.intercept))
	return c
}

type wholeKey struct{}

// Whole marks ctx as that of a query over the whole directory (no filter
// but the viewer's privacy rules), whose Count the census may answer.
func Whole(ctx context.Context) context.Context {
	return context.WithValue(ctx, wholeKey{}, true)
}

// intercept answers the Count of a person query marked Whole.
func (c *Census) intercept(next ent.Querier) ent.Querier {
	return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
		qc := entgo.QueryFromContext(ctx)
		if whole, _ := ctx.Value(wholeKey{}).(bool); !whole || qc == nil || qc.Op != entgo.OpQueryCount {
			return next.Query(ctx, q)
		}
		return c.Count(ctx, viewer.FromContext(ctx))
	})
}

// Count is the number of people v may see: access.PersonVisible(v)
// counted over everyone.
func (c *Census) Count(ctx context.Context, v viewer.Viewer) (int, error) {
	sys := system(ctx)
	name, audience := access.Audience(v)
	n, err := c.size(sys, name, audience)
	visible := access.PersonVisible(v)
	if err != nil || v.PersonID == 0 || visible == nil {
		// Without a person, a viewer sees exactly their audience; staff
		// see everyone, their audience too.
		return n, err
	}
	few, err := c.Few(sys, v)
	if err != nil {
		return 0, err
	}
	seen := c.client.Person.Query().Where(person.IDIn(few...), visible)
	inAudience := c.client.Person.Query().Where(person.IDIn(few...))
	if audience != nil {
		inAudience.Where(audience)
	}
	a, err := seen.IDs(sys)
	if err != nil {
		return 0, err
	}
	b, err := inAudience.IDs(sys)
	if err != nil {
		return 0, err
	}
	return n + len(a) - len(b), nil
}

// Few is v's own few: v's person and whoever has a connection with them
// in any state, in either direction, sorted; none for a viewer without a
// person. Outside the few, v sees exactly their audience (access.Audience).
func (c *Census) Few(ctx context.Context, v viewer.Viewer) ([]int, error) {
	if v.PersonID == 0 {
		return nil, nil
	}
	sys := system(ctx)
	rows, err := c.client.Connection.Query().
		Where(connection.Or(connection.RequesterID(v.PersonID), connection.AddresseeID(v.PersonID))).
		Select(connection.FieldRequesterID, connection.FieldAddresseeID).
		All(sys)
	if err != nil {
		return nil, err
	}
	few := make([]int, 0, 2*len(rows)+1)
	few = append(few, v.PersonID)
	for _, r := range rows {
		few = append(few, r.RequesterID, r.AddresseeID)
	}
	slices.Sort(few)
	return slices.Compact(few), nil
}

// SeesAudience reports whether v sees exactly the people of their role's
// audience, given v's few (from Few): whether no one of the few is seen
// by v outside the audience, or is in it but hidden from v (blocked v).
// Then every person list v is shown holds the same people as the
// audience's, and what v is shown of anyone outside the few is what the
// audience is shown.
func (c *Census) SeesAudience(ctx context.Context, v viewer.Viewer, few []int) (bool, error) {
	visible := access.PersonVisible(v)
	_, audience := access.Audience(v)
	if len(few) == 0 || visible == nil || audience == nil {
		// No person (or staff): v's rules are the audience's.
		return true, nil
	}
	sys := system(ctx)
	differ, err := c.client.Person.Query().
		Where(person.IDIn(few...), person.Or(
			person.And(visible, person.Not(audience)),
			person.And(audience, person.Not(visible)),
		)).
		Exist(sys)
	return !differ, err
}

// system is ctx for the census's own queries: they are not
// whole-directory ones, and run as the system (the viewer's policy would
// hide the blocks against them).
func system(ctx context.Context) context.Context {
	return viewer.NewContext(context.WithValue(ctx, wholeKey{}, false), viewer.Viewer{System: true})
}

// size is the number of people in the audience named name.
func (c *Census) size(ctx context.Context, name string, audience predicate.Person) (int, error) {
	return c.sizes.Get(ctx, name, func(ctx context.Context) (int, error) {
		q := c.client.Person.Query()
		if audience != nil {
			q.Where(audience)
		}
		return q.Count(ctx)
	})
}

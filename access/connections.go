package access

import (
	"context"
	"slices"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/viewer"
)

// Connections between people follow one convention that these rules rely
// on: a BLOCKED connection's requester is the person who blocked. Blocking
// someone who had asked you first replaces their request with your block.

// blockedBy is the predicate of the people who blocked the person id.
func blockedBy(id int) predicate.Person {
	return person.HasSentConnectionsWith(
		connection.StatusEQ(connection.StatusBLOCKED),
		connection.AddresseeID(id),
	)
}

// involvedWith is the predicate of the people with a pending request to
// or from the person id, or whom the person id blocked: whoever asks to
// connect shows themself to the person they ask, and stays visible to the
// asker until the request is answered; and a person sees whom they blocked,
// to be able to unblock them.
func involvedWith(id int) predicate.Person {
	if id == 0 {
		return person.IDIn() // no one: the viewer has no person
	}
	pending := connection.StatusEQ(connection.StatusPENDING)
	return person.Or(
		person.HasSentConnectionsWith(pending, connection.AddresseeID(id)),
		person.HasReceivedConnectionsWith(connection.RequesterID(id),
			connection.StatusIn(connection.StatusPENDING, connection.StatusBLOCKED)),
	)
}

// Blocked is the predicate of the people who blocked the person id or whom
// the person id blocked. Search and suggestions leave both out; the
// directory leaves out the first kind for everyone but staff (see
// PersonVisible).
func Blocked(id int) predicate.Person {
	if id == 0 {
		return person.IDIn() // no one
	}
	return person.Or(
		blockedBy(id),
		person.HasReceivedConnectionsWith(
			connection.StatusEQ(connection.StatusBLOCKED),
			connection.RequesterID(id),
		),
	)
}

// Connected is the predicate of the people with any connection to the
// person id, in either direction and in any state.
func Connected(id int) predicate.Person {
	if id == 0 {
		return person.IDIn() // no one
	}
	return person.Or(
		person.HasSentConnectionsWith(connection.AddresseeID(id)),
		person.HasReceivedConnectionsWith(connection.RequesterID(id)),
	)
}

// connectionFields are the fields a participant may set: the request
// itself on create, and its answer on update.
var (
	createFields = []string{
		connection.FieldStatus, connection.FieldMessage, connection.FieldCreatedAt,
		connection.FieldRespondedAt, connection.FieldRequesterID, connection.FieldAddresseeID,
	}
	answerFields = []string{connection.FieldStatus, connection.FieldRespondedAt}
)

// AllowConnectionParticipant allows a person the writes that the
// connection state machine (package connections) makes on their behalf,
// and nothing else:
//
//   - create: a request (PENDING) or a block (BLOCKED) whose requester is
//     the viewer and whose addressee is someone else;
//   - update: the addressee accepts or declines a PENDING request; the
//     requester withdraws a PENDING request, or blocks (any state);
//   - delete: nobody erases what the other decided against them. The
//     requester may delete an ACCEPTED, WITHDRAWN or (their own) BLOCKED
//     connection; the addressee an ACCEPTED, PENDING, DECLINED or
//     WITHDRAWN one.
//
// The old row is read as the viewer, so a connection the viewer cannot
// read (one they take no part in, or a block against them) is never
// allowed.
func AllowConnectionParticipant() privacy.MutationRule {
	return privacy.ConnectionMutationRuleFunc(func(ctx context.Context, m *ent.ConnectionMutation) error {
		me := viewer.FromContext(ctx).PersonID
		if me == 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
			return privacy.Skip
		}
		// The only edges are the requester and the addressee, set by
		// their ID fields on create and immutable after.
		switch {
		case m.Op().Is(ent.OpCreate):
			r, _ := m.RequesterID()
			a, _ := m.AddresseeID()
			st, ok := m.Status()
			if !ok {
				st = connection.DefaultStatus
			}
			if r == me && a != me && a != 0 && onlyFields(m, createFields) &&
				(st == connection.StatusPENDING || st == connection.StatusBLOCKED) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			st, ok := m.Status()
			if !ok || !onlyFields(m, answerFields) {
				return privacy.Skip
			}
			r, err := m.OldRequesterID(ctx)
			if err != nil {
				return privacy.Skip
			}
			a, err := m.OldAddresseeID(ctx)
			if err != nil {
				return privacy.Skip
			}
			old, err := m.OldStatus(ctx)
			if err != nil {
				return privacy.Skip
			}
			if mayAnswer(me, r, a, old, st) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpDeleteOne):
			id, ok := m.ID()
			if !ok {
				return privacy.Skip
			}
			c, err := m.Client().Connection.Get(ctx, id)
			if err != nil {
				return privacy.Skip
			}
			if mayDelete(me, c) {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// mayAnswer reports whether the person me may move a connection from
// requester r to addressee a from status old to status next.
func mayAnswer(me, r, a int, old, next connection.Status) bool {
	switch {
	case me == a && old == connection.StatusPENDING:
		return next == connection.StatusACCEPTED || next == connection.StatusDECLINED
	case me == r && next == connection.StatusBLOCKED:
		return true
	case me == r && old == connection.StatusPENDING:
		return next == connection.StatusWITHDRAWN
	}
	return false
}

// mayDelete reports whether the person me may delete connection c.
func mayDelete(me int, c *ent.Connection) bool {
	switch me {
	case c.RequesterID:
		return slices.Contains([]connection.Status{
			connection.StatusACCEPTED, connection.StatusWITHDRAWN, connection.StatusBLOCKED,
		}, c.Status)
	case c.AddresseeID:
		return slices.Contains([]connection.Status{
			connection.StatusACCEPTED, connection.StatusPENDING, connection.StatusDECLINED, connection.StatusWITHDRAWN,
		}, c.Status)
	}
	return false
}

// onlyFields reports whether m sets or clears no field but those allowed.
func onlyFields(m ent.Mutation, allowed []string) bool {
	for _, f := range m.Fields() {
		if !slices.Contains(allowed, f) {
			return false
		}
	}
	for _, f := range m.ClearedFields() {
		if !slices.Contains(allowed, f) {
			return false
		}
	}
	return true
}

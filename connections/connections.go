// Package connections runs the state machine of connections between
// people: requests, their answers, and blocks.
//
//	request   (nothing)  -> PENDING     by the requester, with a message of at most 500 characters
//	accept    PENDING    -> ACCEPTED    by the addressee
//	decline   PENDING    -> DECLINED    by the addressee
//	withdraw  PENDING    -> WITHDRAWN   by the requester
//	block     (any)      -> BLOCKED     by either person; the blocker becomes the requester
//	unblock   BLOCKED    -> (nothing)   by the blocker
//	remove    ACCEPTED   -> (nothing)   by either person
//
// There is at most one connection between two people, whichever of them
// asked (a unique index on the pair backs this up). Requesting someone who
// has already asked you accepts their request. Asking again is possible
// after withdrawing, or after declining the other's request (the old
// connection is replaced by the new request); a declined requester cannot
// ask again, and nobody can ask someone they blocked or who blocked them.
// Nobody can ask themself. Partners, and accounts without a person in
// the directory, do not connect.
//
// Asking needs consent on both sides: a new request goes only to a person
// who allows others to ask them (a granted, not revoked, PEER_CONTACT
// consent), and only from a person who allows it too (nobody asks others
// while refusing to be asked). The refusals carry a stable reason for
// clients (Refusal). Answering is not asking: whoever revokes PEER_CONTACT
// still sees the requests already sent to them and may accept or decline
// them, and the requests they sent may still be accepted; no new request
// reaches them. Their accepted connections stay: revoking the consent stops
// new requests, and ending a connection is the person's own choice
// (remove, or block).
//
// Every refusal (BAD_USER_INPUT) carries a stable reason beside its
// English message (Refusal), which clients translate; errors that are not
// about the input (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED) have their code
// only.
//
// Every write runs as the viewer, so the Connection policy (rules in
// package access) checks it again; reads run as the viewer too, so a
// person who blocked the viewer is simply not found. Each operation runs in
// one transaction: the caller's, or one of its own.
package connections

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/viewer"
)

// MaxMessageChars bounds the message sent with a request.
const MaxMessageChars = 500

// Reasons of the refusals (BAD_USER_INPUT), sent to clients beside the
// code (in the "reason" extension of a GraphQL error), so that they can say
// what went wrong, and what to do, in their own words. They are stable:
// clients match them. Every reason has a message in the SPA's catalogs
// (frontend/src/lib/i18n/locales, connections.refused.*), which a
// frontend test checks against this list.
const (
	// ReasonSelfRequest: the viewer asked themself.
	ReasonSelfRequest = "SELF_REQUEST"
	// ReasonMessageTooLong: the message of a request has more than
	// MaxMessageChars characters.
	ReasonMessageTooLong = "MESSAGE_TOO_LONG"
	// ReasonAlreadyRequested: the viewer's request to this person is
	// still waiting for an answer.
	ReasonAlreadyRequested = "ALREADY_REQUESTED"
	// ReasonAlreadyConnected: the viewer and this person are connected.
	ReasonAlreadyConnected = "ALREADY_CONNECTED"
	// ReasonDeclined: this person declined the viewer's request, so the
	// viewer cannot ask again.
	ReasonDeclined = "DECLINED"
	// ReasonBlockedByYou: the viewer blocked this person; they must
	// unblock them first.
	ReasonBlockedByYou = "BLOCKED_BY_YOU"
	// ReasonBlocked: this person blocked the viewer (only staff, who see
	// everyone, can get this far); the message does not say so.
	ReasonBlocked = "BLOCKED"
	// ReasonNotPending: the request was already answered or withdrawn.
	ReasonNotPending = "NOT_PENDING"
	// ReasonNotAddressee: only the person asked accepts or declines.
	ReasonNotAddressee = "NOT_ADDRESSEE"
	// ReasonNotRequester: only the person who asked withdraws.
	ReasonNotRequester = "NOT_REQUESTER"
	// ReasonNotBlocked: the viewer unblocked someone they had not blocked.
	ReasonNotBlocked = "NOT_BLOCKED"
	// ReasonNotConnected: the viewer removed a connection that is not
	// (or no longer) accepted.
	ReasonNotConnected = "NOT_CONNECTED"
	// ReasonSelfBlock: the viewer blocked themself.
	ReasonSelfBlock = "SELF_BLOCK"
	// ReasonConcurrentChange: another write on the same two people won
	// the race (the unique pair index); reloading shows where things are.
	ReasonConcurrentChange = "CONCURRENT_CHANGE"

	// ReasonPeerContactNotGranted: the person asked does not take
	// connection requests.
	ReasonPeerContactNotGranted = "PEER_CONTACT_NOT_GRANTED"
	// ReasonRequesterPeerContactNotGranted: the viewer has not allowed
	// others to ask them, so they cannot ask others.
	ReasonRequesterPeerContactNotGranted = "REQUESTER_PEER_CONTACT_NOT_GRANTED"
)

// Refusal is a client error (BAD_USER_INPUT) with a stable,
// machine-readable reason; every refusal of the state machine is one. It
// unwraps to its *apierror.Error, so that it is presented like any other,
// with its English message (which older clients show as it is).
type Refusal struct {
	err    *apierror.Error
	reason string
}

func (r *Refusal) Error() string  { return r.err.Message }
func (r *Refusal) Unwrap() error  { return r.err }
func (r *Refusal) Reason() string { return r.reason }

// refusal returns a BAD_USER_INPUT Refusal with reason and a formatted message.
func refusal(reason, format string, args ...any) *Refusal {
	return &Refusal{apierror.Input(format, args...), reason}
}

// Refusals of the state machine.
var (
	ErrSelf = refusal(ReasonSelfRequest,
		"you cannot send a connection request to yourself")
	ErrAlreadyPending = refusal(ReasonAlreadyRequested,
		"you have already asked this person; the request is waiting for an answer")
	ErrAlreadyAccepted = refusal(ReasonAlreadyConnected,
		"you are already connected with this person")
	ErrDeclined = refusal(ReasonDeclined,
		"this person did not accept your earlier request, so you cannot ask again")
	ErrYouBlocked = refusal(ReasonBlockedByYou,
		"you blocked this person; unblock them first")
	ErrBlocked = refusal(ReasonBlocked,
		"you cannot send a connection request to this person")
	ErrNotPending = refusal(ReasonNotPending,
		"this request is no longer waiting for an answer")
	ErrNotAddressee = refusal(ReasonNotAddressee,
		"only the person who was asked can answer this request")
	ErrNotRequester = refusal(ReasonNotRequester,
		"only the person who asked can withdraw this request")
	ErrNotBlocked = refusal(ReasonNotBlocked,
		"you have not blocked this person")
	ErrNotConnected = refusal(ReasonNotConnected,
		"you are not connected with this person")
	ErrMessageTooLong = refusal(ReasonMessageTooLong,
		"message: must be at most %d characters", MaxMessageChars)
	ErrSelfBlock = refusal(ReasonSelfBlock,
		"you cannot block yourself")
	ErrConflict = refusal(ReasonConcurrentChange,
		"a connection between you and this person already exists; reload and try again")
)

// Refusals for lack of consent.
var (
	ErrNoPeerContact = refusal(ReasonPeerContactNotGranted,
		"this person does not take connection requests")
	ErrOwnPeerContact = refusal(ReasonRequesterPeerContactNotGranted,
		"to ask people to connect, first let others ask you: turn on the consent "+
			"\"Other graduates may ask to connect with me\" in your account settings")
)

// Refusals that are not about the input.
var (
	errNoPerson = apierror.New(apierror.Forbidden, "only people in the directory can connect with others")
	errPartner  = apierror.New(apierror.Forbidden, "partner accounts do not connect with people")
	errNotFound = apierror.New(apierror.NotFound, "not found: no such person")
	errNoConn   = apierror.New(apierror.NotFound, "not found: no such connection")
)

// me returns the viewer's person, or why they cannot connect.
func me(ctx context.Context) (int, error) {
	v := viewer.FromContext(ctx)
	switch {
	case v.Anonymous():
		return 0, apierror.New(apierror.Unauthenticated, "sign in to do this")
	case v.Is(viewer.RolePartner):
		return 0, errPartner
	case v.PersonID == 0:
		return 0, errNoPerson
	}
	return v.PersonID, nil
}

// Request asks the person `to` to connect, with a short message. If they
// have already asked the viewer, their request is accepted instead. It
// returns the connection.
//
// The checks come in an order that tells the viewer nothing they may not
// know: a person the viewer may not see is not found, whatever their
// consents; then the state of the pair (already asked, connected,
// blocked); then, for a new request only, the consents of both.
func Request(ctx context.Context, client *ent.Client, to int, message string) (*ent.Connection, error) {
	from, err := me(ctx)
	if err != nil {
		return nil, err
	}
	message = strings.TrimSpace(message)
	if utf8.RuneCountInString(message) > MaxMessageChars {
		return nil, ErrMessageTooLong
	}
	if to == from {
		return nil, ErrSelf
	}
	var out *ent.Connection
	err = inTx(ctx, client, func(c *ent.Client) error {
		if err := visible(ctx, c, to); err != nil {
			return err
		}
		cur, err := between(ctx, c, from, to)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if cur != nil {
			mine := cur.RequesterID == from
			switch {
			case cur.Status == connection.StatusACCEPTED:
				return ErrAlreadyAccepted
			case cur.Status == connection.StatusBLOCKED && mine:
				return ErrYouBlocked
			case cur.Status == connection.StatusBLOCKED:
				return ErrBlocked
			case mine && cur.Status == connection.StatusPENDING:
				return ErrAlreadyPending
			case mine && cur.Status == connection.StatusDECLINED:
				return ErrDeclined
			case !mine && cur.Status == connection.StatusPENDING:
				// They asked first: both want it. This answers their
				// request, and answering needs no consent (as in Accept).
				out, err = answer(ctx, c, cur.ID, connection.StatusACCEPTED, now)
				return err
			}
		}
		// A new request: nothing is written unless both consent.
		if err := mayAsk(ctx, c, from, to); err != nil {
			return err
		}
		if cur != nil {
			// A withdrawn request, or one the viewer declined: the new
			// request replaces it.
			if err := c.Connection.DeleteOneID(cur.ID).Exec(ctx); err != nil {
				return fmt.Errorf("replace connection: %w", err)
			}
		}
		out, err = c.Connection.Create().
			SetRequesterID(from).
			SetAddresseeID(to).
			SetMessage(message).
			SetCreatedAt(now).
			Save(ctx)
		return err
	})
	return out, err
}

// Accept accepts the pending request id, which the viewer was sent. It
// needs no consent: a person who revoked PEER_CONTACT may still accept
// the requests sent before (and the requester may have revoked theirs).
func Accept(ctx context.Context, client *ent.Client, id int) (*ent.Connection, error) {
	return respond(ctx, client, id, connection.StatusACCEPTED)
}

// Decline declines the pending request id, which the viewer was sent.
func Decline(ctx context.Context, client *ent.Client, id int) (*ent.Connection, error) {
	return respond(ctx, client, id, connection.StatusDECLINED)
}

// Withdraw withdraws the pending request id, which the viewer sent.
func Withdraw(ctx context.Context, client *ent.Client, id int) (*ent.Connection, error) {
	return respond(ctx, client, id, connection.StatusWITHDRAWN)
}

// respond moves the pending request id to status, as the person the
// transition belongs to: the addressee accepts and declines, the requester
// withdraws.
func respond(ctx context.Context, client *ent.Client, id int, status connection.Status) (*ent.Connection, error) {
	self, err := me(ctx)
	if err != nil {
		return nil, err
	}
	var out *ent.Connection
	err = inTx(ctx, client, func(c *ent.Client) error {
		cur, err := c.Connection.Get(ctx, id)
		if ent.IsNotFound(err) {
			return errNoConn
		}
		if err != nil {
			return err
		}
		switch {
		case cur.RequesterID != self && cur.AddresseeID != self:
			return errNoConn // staff may read it, but it is not theirs to answer
		case status == connection.StatusWITHDRAWN && cur.RequesterID != self:
			return ErrNotRequester
		case status != connection.StatusWITHDRAWN && cur.AddresseeID != self:
			return ErrNotAddressee
		case cur.Status != connection.StatusPENDING:
			return ErrNotPending
		}
		out, err = answer(ctx, c, id, status, time.Now().UTC())
		return err
	})
	return out, err
}

// answer moves the connection id from PENDING to status, if it is still
// PENDING when the update runs: two answers at once cannot both win.
func answer(ctx context.Context, c *ent.Client, id int, status connection.Status, at time.Time) (*ent.Connection, error) {
	out, err := c.Connection.UpdateOneID(id).
		Where(connection.StatusEQ(connection.StatusPENDING)).
		SetStatus(status).
		SetRespondedAt(at).
		Save(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrNotPending
	}
	return out, err
}

// Block blocks the person `who`: they can no longer see the viewer, find
// them, or ask them to connect, and any connection between the two ends.
// Blocking again changes nothing. It returns the block, whose requester
// is the viewer.
func Block(ctx context.Context, client *ent.Client, who int) (*ent.Connection, error) {
	self, err := me(ctx)
	if err != nil {
		return nil, err
	}
	if who == self {
		return nil, ErrSelfBlock
	}
	var out *ent.Connection
	err = inTx(ctx, client, func(c *ent.Client) error {
		if err := visible(ctx, c, who); err != nil {
			return err
		}
		cur, err := between(ctx, c, self, who)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		switch {
		case cur != nil && cur.RequesterID == self && cur.Status == connection.StatusBLOCKED:
			out = cur
			return nil
		case cur != nil && cur.RequesterID == self:
			out, err = c.Connection.UpdateOneID(cur.ID).
				SetStatus(connection.StatusBLOCKED).
				SetRespondedAt(now).
				Save(ctx)
			return err
		case cur != nil && cur.Status == connection.StatusBLOCKED:
			return ErrBlocked // they blocked the viewer first (staff can see them)
		case cur != nil:
			// Their request or connection ends; the block is the viewer's.
			if err := c.Connection.DeleteOneID(cur.ID).Exec(ctx); err != nil {
				return fmt.Errorf("replace connection: %w", err)
			}
		}
		out, err = c.Connection.Create().
			SetRequesterID(self).
			SetAddresseeID(who).
			SetStatus(connection.StatusBLOCKED).
			SetCreatedAt(now).
			SetRespondedAt(now).
			Save(ctx)
		return err
	})
	return out, err
}

// Unblock lifts the viewer's block of the person `who`.
func Unblock(ctx context.Context, client *ent.Client, who int) error {
	self, err := me(ctx)
	if err != nil {
		return err
	}
	return inTx(ctx, client, func(c *ent.Client) error {
		cur, err := between(ctx, c, self, who)
		if err != nil {
			return err
		}
		if cur == nil || cur.RequesterID != self || cur.Status != connection.StatusBLOCKED {
			return ErrNotBlocked
		}
		return c.Connection.DeleteOneID(cur.ID).Exec(ctx)
	})
}

// Remove ends the accepted connection id, which the viewer takes part in.
func Remove(ctx context.Context, client *ent.Client, id int) error {
	self, err := me(ctx)
	if err != nil {
		return err
	}
	return inTx(ctx, client, func(c *ent.Client) error {
		cur, err := c.Connection.Get(ctx, id)
		if ent.IsNotFound(err) {
			return errNoConn
		}
		if err != nil {
			return err
		}
		if cur.RequesterID != self && cur.AddresseeID != self {
			return errNoConn
		}
		if cur.Status != connection.StatusACCEPTED {
			return ErrNotConnected
		}
		return c.Connection.DeleteOneID(id).Exec(ctx)
	})
}

// visible returns NOT_FOUND unless the viewer may see the person id: a
// person who blocked the viewer, or is not in the directory, cannot be
// asked or blocked.
func visible(ctx context.Context, c *ent.Client, id int) error {
	ok, err := c.Person.Query().Where(person.ID(id)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errNotFound
	}
	return nil
}

// TakesRequests is the predicate of the people who take connection
// requests: they have granted PEER_CONTACT and not revoked it. It reads
// consents in SQL beneath a person query, which the Person policy still
// filters: it tells only about people the viewer may see.
func TakesRequests() predicate.Person {
	return person.HasConsentsWith(consent.KindEQ(consent.KindPEER_CONTACT), consent.RevokedAtIsNil())
}

// mayAsk returns why the viewer, person from, may not send a new request
// to the person to (whom they may see), or nil: one statement for both
// people's consents.
func mayAsk(ctx context.Context, c *ent.Client, from, to int) error {
	ids, err := c.Person.Query().Where(person.IDIn(from, to), TakesRequests()).IDs(ctx)
	switch {
	case err != nil:
		return err
	case !slices.Contains(ids, from):
		return ErrOwnPeerContact
	case !slices.Contains(ids, to):
		return ErrNoPeerContact
	}
	return nil
}

// Accepting returns those of the people ids who take connection requests
// and whom the viewer may see, in no particular order: what asking each of
// them would tell the viewer, so that a client offers to ask only those.
// Only people who can ask (members with a person) may ask this.
func Accepting(ctx context.Context, client *ent.Client, ids []int) ([]int, error) {
	if _, err := me(ctx); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []int{}, nil
	}
	return client.Person.Query().Where(person.IDIn(ids...), TakesRequests()).IDs(ctx)
}

// between returns the connection between people a and b, in either
// direction, as the viewer may read it; nil if there is none.
func between(ctx context.Context, c *ent.Client, a, b int) (*ent.Connection, error) {
	cur, err := c.Connection.Query().Where(connection.Or(
		connection.And(connection.RequesterID(a), connection.AddresseeID(b)),
		connection.And(connection.RequesterID(b), connection.AddresseeID(a)),
	)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, nil
	case ent.IsNotSingular(err):
		return nil, fmt.Errorf("connections: more than one connection between %d and %d", a, b)
	}
	return cur, err
}

// inTx runs fn in the transaction of client, or in a new one.
func inTx(ctx context.Context, client *ent.Client, fn func(*ent.Client) error) error {
	tx, err := client.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		return conflict(fn(client))
	}
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		return errors.Join(conflict(err), tx.Rollback())
	}
	return conflict(tx.Commit())
}

// conflict reports a write that lost a race with another one on the same
// pair (the unique pair index) as a refusal the client can act on.
func conflict(err error) error {
	if ent.IsConstraintError(err) {
		return ErrConflict
	}
	return err
}

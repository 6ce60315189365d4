package access

import (
	"context"

	"entgo.io/ent/entql"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/outcomesurvey"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/viewer"
)

// AllowSystem allows everything to the system viewer (migrations, seeding,
// maintenance jobs).
func AllowSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).System {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// AllowAdmin allows everything to admins.
func AllowAdmin() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).Admin() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// AllowStaff allows everything to staff and admins.
func AllowStaff() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).Staff() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// DenyAnonymousMutation refuses writes by a visitor who is not signed in,
// so that the client learns to sign in (UNAUTHENTICATED) rather than that
// it lacks a role (FORBIDDEN).
func DenyAnonymousMutation() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
		if viewer.FromContext(ctx).Anonymous() {
			return ErrUnauthenticated
		}
		return privacy.Skip
	})
}

// ErrUnauthenticated is returned when a write needs a signed-in viewer.
var ErrUnauthenticated = privacy.Denyf("sign in to do this")

// FilterPeople restricts person queries to the people the viewer may see.
func FilterPeople() privacy.QueryRule {
	return privacy.PersonQueryRuleFunc(func(ctx context.Context, q *ent.PersonQuery) error {
		if p := PersonVisible(viewer.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Allow
	})
}

// FilterByPersonGroup restricts queries of an entity that belongs to one
// person (profile, contact details, enrollments) to rows whose person's
// group g the viewer may see. It works on any such entity through entql,
// by the "person" edge.
func FilterByPersonGroup(g Group) privacy.QueryRule {
	type personFilter interface {
		WhereHasPersonWith(preds ...predicate.Person)
	}
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		p := GroupVisible(viewer.FromContext(ctx), g)
		if p == nil {
			return privacy.Allow
		}
		pf, ok := f.(personFilter)
		if !ok {
			return privacy.Denyf("access: %T has no person edge", f)
		}
		pf.WhereHasPersonWith(p)
		return privacy.Allow
	})
}

// AllowOwnPerson allows a signed-in person to update their own person row,
// limited to the fields a person may set for themself.
func AllowOwnPerson() privacy.MutationRule {
	own := []string{
		person.FieldGivenName, person.FieldFamilyName, person.FieldCity, person.FieldUpdatedAt,
		person.FieldListedInDirectory, person.FieldVisibleToPartners,
		person.FieldProfileVisibility, person.FieldContactVisibility,
	}
	return privacy.PersonMutationRuleFunc(func(ctx context.Context, m *ent.PersonMutation) error {
		v := viewer.FromContext(ctx)
		id, ok := m.ID()
		if v.PersonID == 0 || !ok || id != v.PersonID || !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Skip
		}
		if len(m.AddedEdges()) > 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 || !onlyFields(m, own) {
			return privacy.Skip
		}
		return privacy.Allow
	})
}

// AllowOwnRecord allows the signed-in person to write a record that belongs
// to them (profile, contact details, consents): its person_id is theirs.
func AllowOwnRecord() privacy.MutationRule {
	type owned interface {
		PersonID() (int, bool)
		OldPersonID(context.Context) (int, error)
	}
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := viewer.FromContext(ctx)
		om, ok := m.(owned)
		if v.PersonID == 0 || !ok {
			return privacy.Skip
		}
		id, set := om.PersonID()
		if !set && m.Op().Is(ent.OpUpdateOne) {
			old, err := om.OldPersonID(ctx)
			if err != nil {
				return privacy.Skip
			}
			id, set = old, true
		}
		if set && id == v.PersonID && m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// FilterOwnRecords restricts reads of records that belong to a person
// (consents) to the person themself; staff are allowed by an earlier rule.
func FilterOwnRecords() privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		// A viewer without a person (0) matches no record.
		f.Where(entql.FieldEQ("person_id", viewer.FromContext(ctx).PersonID))
		return privacy.Allow
	})
}

// FilterOwnAccount restricts account reads to the viewer's own account;
// staff are allowed by an earlier rule.
func FilterOwnAccount() privacy.QueryRule {
	return privacy.AccountQueryRuleFunc(func(ctx context.Context, q *ent.AccountQuery) error {
		// A visitor (account 0) matches no account.
		q.Where(account.ID(viewer.FromContext(ctx).AccountID))
		return privacy.Allow
	})
}

// FilterOwnConnections restricts connection reads to those the viewer's
// person takes part in, except a block against them: a person is not told
// who blocked them (the requester of a BLOCKED connection is the blocker).
func FilterOwnConnections() privacy.QueryRule {
	return privacy.ConnectionQueryRuleFunc(func(ctx context.Context, q *ent.ConnectionQuery) error {
		// A viewer without a person (0) takes part in no connection.
		me := viewer.FromContext(ctx).PersonID
		q.Where(connection.Or(
			connection.RequesterID(me),
			connection.And(connection.AddresseeID(me), connection.StatusNEQ(connection.StatusBLOCKED)),
		))
		return privacy.Allow
	})
}

// FilterOwnSurveys restricts outcome-survey reads to the viewer's own
// (through their enrollments); staff are allowed by an earlier rule, and
// everyone else sees none.
func FilterOwnSurveys() privacy.QueryRule {
	return privacy.OutcomeSurveyQueryRuleFunc(func(ctx context.Context, q *ent.OutcomeSurveyQuery) error {
		v := viewer.FromContext(ctx)
		if v.PersonID == 0 || v.Is(viewer.RolePartner) {
			q.Where(outcomesurvey.IDIn()) // none
			return privacy.Allow
		}
		q.Where(outcomesurvey.HasEnrollmentWith(enrollment.PersonID(v.PersonID)))
		return privacy.Allow
	})
}

// RequireSurveyConsent refuses to record or change an outcome survey of a
// person who has not consented to outcome surveys (a granted, not revoked,
// OUTCOME_SURVEYS consent), whoever records it; the system (seeding) is
// allowed by an earlier rule. The person's consents are read as the
// system: the writer only learns yes or no, of an enrollment it names.
func RequireSurveyConsent() privacy.MutationRule {
	return privacy.OutcomeSurveyMutationRuleFunc(func(ctx context.Context, m *ent.OutcomeSurveyMutation) error {
		if !m.Op().Is(ent.OpCreate | ent.OpUpdateOne) {
			return privacy.Skip
		}
		id, ok := m.EnrollmentID()
		if !ok {
			old, err := m.OldEnrollmentID(ctx)
			if err != nil {
				return privacy.Skip // no such survey: later rules decide
			}
			id = old
		}
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		consented, err := m.Client().Consent.Query().
			Where(consent.KindEQ(consent.KindOUTCOME_SURVEYS), consent.RevokedAtIsNil(),
				consent.HasPersonWith(person.HasEnrollmentsWith(enrollment.ID(id)))).
			Exist(sys)
		if err != nil {
			return err
		}
		if !consented {
			return apierror.Input("enrollmentID: this person has not consented to outcome surveys")
		}
		return privacy.Skip
	})
}

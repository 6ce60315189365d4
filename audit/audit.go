// Package audit writes the audit log of access to people's private data:
// staff and admins reading someone's contact details, exports, account
// deletions. Admins read the log (Query.auditEvents).
package audit

import (
	"context"
	"time"

	entgo "entgo.io/ent"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/contactdetails"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/viewer"
)

type ctxKey struct{}

// NewContext returns ctx carrying the client that audit events are written
// with. The GraphQL handler sets it for every operation.
func NewContext(ctx context.Context, client *ent.Client) context.Context {
	return context.WithValue(ctx, ctxKey{}, client)
}

// Record writes one event for each subject person, by the viewer of ctx.
// Without a client in ctx (internal work) it writes nothing.
func Record(ctx context.Context, action string, subjects ...int) error {
	client, ok := ctx.Value(ctxKey{}).(*ent.Client)
	if !ok || len(subjects) == 0 {
		return nil
	}
	v := viewer.FromContext(ctx)
	now := time.Now().UTC()
	builders := make([]*ent.AuditEventCreate, len(subjects))
	for i, s := range subjects {
		builders[i] = client.AuditEvent.Create().
			SetCreatedAt(now).
			SetAction(action).
			SetActorAccountID(v.AccountID).
			SetSubjectPersonID(s)
	}
	return client.AuditEvent.CreateBulk(builders...).Exec(privacy.DecisionContext(ctx, privacy.Allow))
}

// StaffContactReads is an interceptor of contact-details queries that
// records every time staff or an admin reads the contact details of
// someone other than themself.
//
// A GraphQL query selects only the columns it asks for, so a query for
// contact details alone ({ node(id) { ... on ContactDetails { email } } })
// would not load person_id, and the read would be recorded against no one.
// The interceptor therefore adds the column to such a query, and looks up
// the person of any row that still comes back without one.
func StaffContactReads() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v := viewer.FromContext(ctx)
			audited := v.Is(viewer.RoleStaff, viewer.RoleAdmin)
			if qc := entgo.QueryFromContext(ctx); audited && qc != nil && qc.Type == ent.TypeContactDetails && len(qc.Fields) > 0 {
				qc.AppendFieldOnce(contactdetails.FieldPersonID)
			}
			value, err := next.Query(ctx, q)
			if err != nil || !audited {
				return value, err
			}
			var rows []*ent.ContactDetails
			switch r := value.(type) {
			case []*ent.ContactDetails:
				rows = r
			case *ent.ContactDetails:
				if r != nil {
					rows = []*ent.ContactDetails{r}
				}
			}
			owners, err := personsOf(ctx, rows)
			if err != nil {
				return nil, err
			}
			var subjects []int
			for _, id := range owners {
				if id != v.PersonID {
					subjects = append(subjects, id)
				}
			}
			if err := Record(ctx, "contact.read", subjects...); err != nil {
				return nil, err
			}
			return value, nil
		})
	})
}

// personsOf returns the person of each row, reading those the query did
// not load.
func personsOf(ctx context.Context, rows []*ent.ContactDetails) ([]int, error) {
	out := make([]int, 0, len(rows))
	var missing []int
	for _, c := range rows {
		if c.PersonID != 0 {
			out = append(out, c.PersonID)
		} else {
			missing = append(missing, c.ID)
		}
	}
	client, ok := ctx.Value(ctxKey{}).(*ent.Client)
	if len(missing) == 0 || !ok {
		return out, nil
	}
	sys := privacy.DecisionContext(viewer.SystemContext(ctx), privacy.Allow)
	found, err := client.ContactDetails.Query().
		Where(contactdetails.IDIn(missing...)).
		Select(contactdetails.FieldPersonID).
		All(sys)
	if err != nil {
		return nil, err
	}
	for _, c := range found {
		out = append(out, c.PersonID)
	}
	return out, nil
}

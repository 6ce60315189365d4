// Package audit writes the audit log of access to people's private data:
// staff and admins reading someone's contact details, exports, account
// deletions. Admins read the log (Query.auditEvents).
package audit

import (
	"context"
	"time"

	"github.com/shyraq/birge/ent"
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
func StaffContactReads() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			value, err := next.Query(ctx, q)
			if err != nil {
				return value, err
			}
			v := viewer.FromContext(ctx)
			if !v.Is(viewer.RoleStaff, viewer.RoleAdmin) {
				return value, nil
			}
			var subjects []int
			switch rows := value.(type) {
			case []*ent.ContactDetails:
				for _, c := range rows {
					if c.PersonID != v.PersonID {
						subjects = append(subjects, c.PersonID)
					}
				}
			case *ent.ContactDetails:
				if rows != nil && rows.PersonID != v.PersonID {
					subjects = append(subjects, rows.PersonID)
				}
			}
			if err := Record(ctx, "contact.read", subjects...); err != nil {
				return nil, err
			}
			return value, nil
		})
	})
}

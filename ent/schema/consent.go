package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/privacy"
)

// Consent records, with its time, that a person granted one kind of
// consent; revoking it stamps revoked_at. Granting again adds a new
// record, so the history stays.
type Consent struct {
	ent.Schema
}

// Fields of the Consent.
func (Consent) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("DIRECTORY_LISTING", "PEER_CONTACT", "OUTCOME_SURVEYS", "STORIES_AND_PHOTOS").
			Immutable(),
		field.Time("granted_at").Immutable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Int("person_id").Immutable(),
	}
}

// Edges of the Consent.
func (Consent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("consents").Field("person_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Consent.
func (Consent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id", "kind")}
}

// Annotations of the Consent.
func (Consent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// AuditEvent records that someone read or changed a person's private data:
// staff access, exports, deletions. Admins read the log.
type AuditEvent struct {
	ent.Schema
}

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.String("action").Immutable(),
		field.Int("actor_account_id").Optional().Immutable(),
		field.Int("subject_person_id").Optional().Immutable(),
		field.String("detail").Default("").Immutable(),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_at"), index.Fields("subject_person_id")}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the Consent: only the person and admins read or record
// consents.
func (Consent) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{access.AllowSystem(), access.AllowAdmin(), access.FilterOwnRecords()},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowAdmin(),
			access.AllowOwnRecord(),
			privacy.AlwaysDenyRule(),
		},
	}
}

// Policy of the AuditEvent: admins read the log; only internal code writes it.
func (AuditEvent) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{access.AllowSystem(), access.AllowAdmin(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{access.AllowSystem(), privacy.AlwaysDenyRule()},
	}
}

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

// Account is a sign-in: an email, a password hash and a role, linked to a
// person and, for partners, to an organization. Many people have none.
type Account struct {
	ent.Schema
}

// Mixin of the Account.
func (Account) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").
			Unique().
			Validate(text(254)),
		field.String("password_hash").
			Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("role").
			Values("ADMIN", "STAFF", "MEMBER", "PARTNER"),
		field.Enum("locale").
			Values("kk", "ru", "en").
			Default("ru"),
		field.Time("last_sign_in_at").
			Optional().
			Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("organization_id").
			Optional().
			Nillable(),
	}
}

// Edges of the Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).
			Unique(),
		edge.From("organization", Organization.Type).
			Ref("accounts").
			Field("organization_id").
			Unique(),
		edge.To("sessions", Session.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Account.
func (Account) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("role"),
	}
}

// Annotations of the Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the Account.
func (Account) Policy() ent.Policy {
	return privacy.Policy{
		// A sign-in email is private: only its owner and admins read it.
		Query: privacy.QueryPolicy{
			access.AllowSystem(),
			access.AllowAdmin(),
			access.FilterOwnAccount(),
		},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowAdmin(),
			privacy.AlwaysDenyRule(),
		},
	}
}

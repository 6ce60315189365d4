package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Organization is the association, a partner foundation, the city
// administration, a university or a business.
type Organization struct {
	ent.Schema
}

// Mixin of the Organization.
func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Organization.
func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(text(200)).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").
			Values("ASSOCIATION", "FOUNDATION", "GOVERNMENT", "UNIVERSITY", "BUSINESS", "OTHER").
			Annotations(entgql.OrderField("KIND")),
		field.String("city").
			Default("").
			Validate(maxChars(100)),
		field.String("website").
			Default("").
			Validate(webAddress),
		field.Text("description").
			Default("").
			Validate(maxChars(2000)),
	}
}

// Edges of the Organization.
func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("programs", Program.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("fundings", Funding.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("people", Person.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.To("accounts", Account.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Organization.
func (Organization) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name").Unique(),
		index.Fields("kind"),
	}
}

// Annotations of the Organization.
func (Organization) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		entgql.MultiOrder(),
	}
}

// Policy of the Organization.
func (Organization) Policy() ent.Policy {
	return publicReadStaffWrite()
}

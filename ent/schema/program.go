package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Program is a course programme, such as the School of Independent Life,
// operated by an organization and run as cohorts.
type Program struct {
	ent.Schema
}

// Mixin of the Program.
func (Program) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Program.
func (Program) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(text(200)).
			Annotations(entgql.OrderField("NAME")),
		field.Text("description").
			Default("").
			Validate(maxChars(4000)),
		field.Int("operator_id"),
	}
}

// Edges of the Program.
func (Program) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("operator", Organization.Type).
			Ref("programs").
			Field("operator_id").
			Unique().
			Required(),
		edge.To("cohorts", Cohort.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("fundings", Funding.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of the Program.
func (Program) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Program.
func (Program) Policy() ent.Policy {
	return publicReadStaffWrite()
}

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// tagFields are the fields shared by Activity and Interest: a stable slug
// and a label in each of the portal's three languages.
func tagFields() []ent.Field {
	return []ent.Field{
		field.String("slug").
			Unique().
			Validate(slug).
			Annotations(entgql.OrderField("SLUG")),
		field.String("label_kk").Validate(text(100)),
		field.String("label_ru").Validate(text(100)),
		field.String("label_en").Validate(text(100)).
			Annotations(entgql.OrderField("LABEL_EN")),
	}
}

func tagAnnotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Activity is something taught on a course: art therapy, dance, singing,
// cooking, fitness.
type Activity struct {
	ent.Schema
}

// Fields of the Activity.
func (Activity) Fields() []ent.Field { return tagFields() }

// Edges of the Activity.
func (Activity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("cohorts", Cohort.Type).Ref("activities").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("people", Person.Type).Ref("activities").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// Annotations of the Activity.
func (Activity) Annotations() []schema.Annotation { return tagAnnotations() }

// Interest is a personal interest a person lists on their profile.
type Interest struct {
	ent.Schema
}

// Fields of the Interest.
func (Interest) Fields() []ent.Field { return tagFields() }

// Edges of the Interest.
func (Interest) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("people", Person.Type).Ref("interests").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// Annotations of the Interest.
func (Interest) Annotations() []schema.Annotation { return tagAnnotations() }

// Policy of the Activity.
func (Activity) Policy() ent.Policy { return publicReadStaffWrite() }

// Policy of the Interest.
func (Interest) Policy() ent.Policy { return publicReadStaffWrite() }

package schema

import (
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/privacy"
)

// OutcomeSurvey is one enrollment's answers at one stage of follow-up:
// before the course, at its end, and 3, 6 and 12 months after. Partners
// never see a survey, only aggregates of many (package report).
type OutcomeSurvey struct {
	ent.Schema
}

// Fields of the OutcomeSurvey.
func (OutcomeSurvey) Fields() []ent.Field {
	scale := func(n int) error {
		if n < 1 || n > 5 {
			return fmt.Errorf("must be from 1 to 5")
		}
		return nil
	}
	return []ent.Field{
		field.Enum("stage").
			Values("BASELINE", "COURSE_END", "MONTH_3", "MONTH_6", "MONTH_12").
			Annotations(entgql.OrderField("STAGE")),
		field.Int("independence").Validate(scale).
			Comment("Self-rated independence in daily life, 1 (low) to 5 (high)."),
		field.Int("confidence").Validate(scale).
			Comment("Self-rated confidence, 1 (low) to 5 (high)."),
		field.Bool("cooks_for_self"),
		field.Bool("travels_alone"),
		field.Enum("occupation").
			Values("EMPLOYED", "STUDYING", "SEEKING_WORK", "NOT_WORKING").
			Comment("Employment or study status."),
		field.Bool("community_participation").
			Comment("Takes part in community activities."),
		field.Int("peers_met").
			Default(0).
			Validate(func(n int) error {
				if n < 0 || n > 1000 {
					return fmt.Errorf("must be from 0 to 1000")
				}
				return nil
			}).
			Comment("Peers met through the program."),
		field.Bool("assisted").
			Default(false).
			Comment("Whether the answers were given with assistance."),
		field.Time("recorded_at").
			Annotations(entgql.OrderField("RECORDED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("recorded_by_id").
			Optional().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("enrollment_id").Immutable(),
	}
}

// Edges of the OutcomeSurvey.
func (OutcomeSurvey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("enrollment", Enrollment.Type).
			Ref("surveys").
			Field("enrollment_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("recorded_by", Account.Type).
			Field("recorded_by_id").
			Unique().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the OutcomeSurvey.
func (OutcomeSurvey) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("enrollment_id", "stage").Unique(),
		index.Fields("stage"),
	}
}

// Annotations of the OutcomeSurvey.
func (OutcomeSurvey) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		entgql.Skip(entgql.SkipWhereInput),
	}
}

// Policy of the OutcomeSurvey: staff (trainers among them) record and read
// surveys; the person reads their own; partners and other members never
// see one.
func (OutcomeSurvey) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			access.AllowSystem(),
			access.AllowStaff(),
			access.FilterOwnSurveys(),
		},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.RequireSurveyConsent(),
			access.AllowStaff(),
			privacy.AlwaysDenyRule(),
		},
	}
}

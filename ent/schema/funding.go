package schema

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Funding is money from an organization to a program or to one cohort, in
// tenge (KZT), for a year and a purpose.
type Funding struct {
	ent.Schema
}

// Mixin of the Funding.
func (Funding) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Funding.
func (Funding) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("amount_kzt").
			Validate(func(n int64) error {
				if n < 0 {
					return fmt.Errorf("must not be negative")
				}
				return nil
			}).
			Annotations(entgql.OrderField("AMOUNT_KZT")),
		field.Int("year").
			Validate(func(y int) error {
				if y < 2000 || y > 2100 {
					return fmt.Errorf("must be a year between 2000 and 2100")
				}
				return nil
			}).
			Annotations(entgql.OrderField("YEAR")),
		field.String("purpose").
			Validate(text(300)),
		field.Int("funder_id"),
		field.Int("program_id").Optional().Nillable(),
		field.Int("cohort_id").Optional().Nillable(),
	}
}

// Edges of the Funding.
func (Funding) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("funder", Organization.Type).
			Ref("fundings").
			Field("funder_id").
			Unique().
			Required(),
		edge.From("program", Program.Type).
			Ref("fundings").
			Field("program_id").
			Unique(),
		edge.From("cohort", Cohort.Type).
			Ref("fundings").
			Field("cohort_id").
			Unique(),
	}
}

// Indexes of the Funding.
func (Funding) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("year"),
		index.Fields("funder_id", "year"),
	}
}

// Hooks of the Funding.
func (Funding) Hooks() []ent.Hook {
	return []ent.Hook{oneTarget}
}

// Annotations of the Funding.
func (Funding) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		entgql.MultiOrder(),
	}
}

// targetMutation is the part of a funding mutation that oneTarget reads.
type targetMutation interface {
	ProgramID() (int, bool)
	CohortID() (int, bool)
	ProgramIDCleared() bool
	CohortIDCleared() bool
	OldProgramID(context.Context) (*int, error)
	OldCohortID(context.Context) (*int, error)
}

// oneTarget requires a funding to go to exactly one of a program or a cohort.
func oneTarget(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		tm, ok := m.(targetMutation)
		if !ok || !m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		_, hasProgram := tm.ProgramID()
		_, hasCohort := tm.CohortID()
		if m.Op().Is(ent.OpUpdateOne) {
			if !hasProgram && !tm.ProgramIDCleared() {
				old, err := tm.OldProgramID(ctx)
				if err != nil {
					return nil, err
				}
				hasProgram = old != nil
			}
			if !hasCohort && !tm.CohortIDCleared() {
				old, err := tm.OldCohortID(ctx)
				if err != nil {
					return nil, err
				}
				hasCohort = old != nil
			}
		}
		if hasProgram == hasCohort {
			return nil, &FieldError{Field: "programID", Message: "a funding goes to exactly one of a program or a cohort"}
		}
		return next.Mutate(ctx, m)
	})
}

// Policy of the Funding.
func (Funding) Policy() ent.Policy {
	return publicReadStaffWrite()
}

package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Cohort is one run of a course: a city, a venue, dates, a capacity, a
// status, the activities it teaches and the trainers who lead it.
type Cohort struct {
	ent.Schema
}

// Mixin of the Cohort.
func (Cohort) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}}
}

// Fields of the Cohort.
func (Cohort) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(text(200)).
			Annotations(entgql.OrderField("NAME")),
		field.String("city").
			Validate(text(100)).
			Annotations(entgql.OrderField("CITY")),
		field.String("venue").
			Default("").
			Validate(maxChars(300)),
		field.Time("start_date").
			Annotations(entgql.OrderField("START_DATE")),
		field.Time("end_date").
			Annotations(entgql.OrderField("END_DATE")),
		field.Int("capacity").
			Validate(func(n int) error {
				if n <= 0 {
					return fmt.Errorf("must be greater than 0")
				}
				if n > 1000 {
					return fmt.Errorf("must be at most 1000")
				}
				return nil
			}),
		field.Enum("status").
			Values("PLANNED", "OPEN", "RUNNING", "COMPLETED", "CANCELLED").
			Default("PLANNED").
			Annotations(entgql.OrderField("STATUS")),
		field.Int("program_id"),
	}
}

// Edges of the Cohort.
func (Cohort) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("program", Program.Type).
			Ref("cohorts").
			Field("program_id").
			Unique().
			Required(),
		edge.To("activities", Activity.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("trainers", Person.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)),
		edge.To("enrollments", Enrollment.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		edge.To("fundings", Funding.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Cohort.
func (Cohort) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("start_date"),
		index.Fields("city", "start_date"),
		index.Fields("status"),
	}
}

// Hooks of the Cohort.
func (Cohort) Hooks() []ent.Hook {
	return []ent.Hook{datesInOrder}
}

// Annotations of the Cohort.
func (Cohort) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		entgql.MultiOrder(),
	}
}

// datesMutation is the part of a cohort mutation that datesInOrder reads.
// It is an interface so that the schema package does not import the
// generated client.
type datesMutation interface {
	StartDate() (time.Time, bool)
	EndDate() (time.Time, bool)
	OldStartDate(context.Context) (time.Time, error)
	OldEndDate(context.Context) (time.Time, error)
}

// datesInOrder rejects a cohort whose end date is before its start date,
// whether the dates are set together or one at a time.
func datesInOrder(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		dm, ok := m.(datesMutation)
		if !ok || !m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		start, hasStart := dm.StartDate()
		end, hasEnd := dm.EndDate()
		if !hasStart && !hasEnd {
			return next.Mutate(ctx, m)
		}
		if m.Op().Is(ent.OpUpdateOne) {
			var err error
			if !hasStart {
				if start, err = dm.OldStartDate(ctx); err != nil {
					return nil, err
				}
			}
			if !hasEnd {
				if end, err = dm.OldEndDate(ctx); err != nil {
					return nil, err
				}
			}
		}
		if end.Before(start) {
			return nil, &FieldError{Field: "endDate", Message: "must not be before the start date"}
		}
		return next.Mutate(ctx, m)
	})
}

// Policy of the Cohort.
func (Cohort) Policy() ent.Policy {
	return publicReadStaffWrite()
}

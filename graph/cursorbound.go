package graph

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/predicate"
)

// boundedColumns are the person order fields whose column leads an index
// and whose cursor values are strings.
var boundedColumns = map[string]string{
	"FAMILY_NAME": person.FieldFamilyName, // person_family_name_given_name
	"CITY":        person.FieldCity,       // person_city
}

// personCursorBounds are the predicates a page's cursors imply on the
// first order field, as entgql compares them: in the order's direction
// (reversed when the page is asked with last), after and before alike,
// the field is at least the cursor's value (ascending) or at most it
// (descending). entgql writes a cursor as an OR of comparisons, which
// PostgreSQL cannot start an index scan from, so a page deep in the
// directory read every person before it (70-100 ms at page 2,000 of
// 100,000 people); with this redundant bound, it reads from where the
// page begins. The bound must not reach the list's count: the people
// resolver adds it only where package census answers the count.
func personCursorBounds(after, before *entgql.Cursor[int], last *int, orderBy []*ent.PersonOrder) []predicate.Person {
	if len(orderBy) == 0 || orderBy[0] == nil || orderBy[0].Field == nil {
		return nil // ordered by ID: entgql's own predicate is a plain comparison
	}
	column, ok := boundedColumns[orderBy[0].Field.String()]
	if !ok {
		return nil
	}
	atLeast := (orderBy[0].Direction != entgql.OrderDirectionDesc) != (last != nil)
	var preds []predicate.Person
	for _, cursor := range []*entgql.Cursor[int]{after, before} {
		if cursor == nil {
			continue
		}
		values, ok := cursor.Value.([]any)
		if !ok || len(values) == 0 {
			continue
		}
		v, ok := values[0].(string)
		if !ok {
			continue
		}
		if atLeast {
			preds = append(preds, predicate.Person(sql.FieldGTE(column, v)))
		} else {
			preds = append(preds, predicate.Person(sql.FieldLTE(column, v)))
		}
	}
	return preds
}

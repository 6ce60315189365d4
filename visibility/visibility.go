// Package visibility defines who may see a group of a person's fields,
// a level the person chooses. The levels are ordered: each admits everyone
// the one before it admits, and more.
package visibility

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Level is a visibility level.
type Level string

// The visibility levels, from the widest to the narrowest audience.
const (
	Public      Level = "PUBLIC"      // anyone, signed in or not
	Community   Level = "COMMUNITY"   // signed-in members, staff and admins
	Connections Level = "CONNECTIONS" // accepted connections, staff and admins
	Staff       Level = "STAFF"       // trainers, staff and admins
	Private     Level = "PRIVATE"     // the person and admins
)

// All lists the levels in order.
var All = []Level{Public, Community, Connections, Staff, Private}

// Values lists the levels for ent's enum.
func (Level) Values() []string {
	out := make([]string, len(All))
	for i, l := range All {
		out[i] = string(l)
	}
	return out
}

// Valid reports whether l is one of the levels.
func (l Level) Valid() bool { return slices.Contains(All, l) }

// MarshalGQL writes the level as a GraphQL enum value.
func (l Level) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(l))) }

// UnmarshalGQL reads a GraphQL enum value.
func (l *Level) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("visibility must be a string")
	}
	*l = Level(s)
	if !l.Valid() {
		return fmt.Errorf("%q is not a visibility level", s)
	}
	return nil
}

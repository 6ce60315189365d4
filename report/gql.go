package report

import (
	"fmt"
	"io"
	"strconv"
)

// MarshalGQL writes the grouping as a GraphQL enum value.
func (g Grouping) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(g))) }

// UnmarshalGQL reads a GraphQL enum value.
func (g *Grouping) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || groupingOf(Grouping(s)) != nil {
		return fmt.Errorf("%v is not a report grouping", v)
	}
	*g = Grouping(s)
	return nil
}

// MarshalGQL writes the grouping as a GraphQL enum value.
func (g FundingGrouping) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(g))) }

// UnmarshalGQL reads a GraphQL enum value.
func (g *FundingGrouping) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || fundingGroupingOf(FundingGrouping(s)) != nil {
		return fmt.Errorf("%v is not a funding grouping", v)
	}
	*g = FundingGrouping(s)
	return nil
}

package serial

import (
	"bytes"
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func TestMarshalListInOrderWithIndexes(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	var seen []int
	arr := MarshalList(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if idx := graphql.GetFieldContext(ctx).Index; idx == nil || *idx != i {
			t.Errorf("element %d: field context index %v", i, idx)
		}
		seen = append(seen, i)
		return graphql.MarshalInt(i * 10)
	})
	var buf bytes.Buffer
	arr.MarshalGQL(&buf)
	if buf.String() != "[0,10,20]" {
		t.Errorf("marshalled %s, want [0,10,20]", buf.String())
	}
	if len(seen) != 3 || seen[0] != 0 || seen[2] != 2 {
		t.Errorf("elements marshalled in order %v", seen)
	}
	if len(MarshalList(ctx, 0, 0, false, nil)) != 0 {
		t.Error("an empty list has no elements")
	}
}

func TestMarshalListRecoversAPanicPerElement(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, err any) error { return gqlerror.Errorf("internal system error") })
	arr := MarshalList(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("broken element")
		}
		return graphql.MarshalInt(i)
	})
	if arr[1] != graphql.Null || arr[0] == graphql.Null || arr[2] == graphql.Null {
		t.Errorf("only the broken element is null: %v", arr)
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 {
		t.Errorf("%d errors, want the broken element's one", len(errs))
	}
}

// Package serial marshals the elements of a GraphQL list one after
// another, on the goroutine that resolves the list.
//
// gqlgen's executor marshals every list of objects with a goroutine per
// element (graphql.MarshalSliceConcurrently), for resolvers that wait on
// I/O. Birge's lists wait on nothing: ent loads the edges a query selects
// eagerly, before the list is marshalled (a list query issues the same
// statements whatever its length, which the statement-counter tests
// prove). The goroutines only cost: creating them, growing their stacks,
// and waiting for them were a fifth of the server's CPU on a directory
// page of 640 objects (docs/BENCHMARKS.md). The generated executor calls
// MarshalList instead; `go generate` rewrites it so (see rewrite/).
package serial

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalList marshals length elements in order with marshalElement, each
// under a field context holding its index, as graphql.MarshalSliceConcurrently
// does, but on the calling goroutine. workerLimit is ignored (there are no
// workers). Unless omitPanicHandler is set, a panic in one element is
// recovered, reported as an error of that element, and the element is null.
func MarshalList(
	ctx context.Context,
	length int,
	workerLimit int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		ret[i] = marshalRecovering(childCtx, i, marshalElement)
	}
	return ret
}

func marshalRecovering(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}

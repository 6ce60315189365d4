package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/pagecache"
)

// post is gqlgen's POST transport (a JSON request body), answering as it
// does, but writing a response's data as it is. gqlgen's writes a whole
// response through json.Marshal, which checks and compacts its data,
// already compact JSON, byte by byte again: a quarter of the CPU of a
// page answered by package pagecache, 3% of one executed.
type post struct{ transport.POST }

// graphQLResponseJSON is the media type of the GraphQL over HTTP draft,
// answered to clients that ask for it.
const graphQLResponseJSON = "application/graphql-response+json"

// Do serves one request.
func (post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	shared := &pagecache.Shared{}
	ctx := pagecache.WithShared(r.Context(), shared)
	// Refusals before execution are 422 (or 400 for clients that ask for
	// graphql-response+json); everything else is 200 with its errors.
	mediaType, protocolStatus := "application/json", http.StatusUnprocessableEntity
	if answersIn(r) == graphQLResponseJSON {
		mediaType, protocolStatus = graphQLResponseJSON, http.StatusBadRequest
	}
	w.Header().Set("Content-Type", mediaType)

	params := &graphql.RawParams{ReadTime: graphql.TraceTiming{Start: graphql.Now()}}
	body, err := io.ReadAll(r.Body)
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		err = dec.Decode(params)
	}
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		// An empty operation: the response interceptors (the
		// transactioner) read the operation of every response.
		none := graphql.WithOperationContext(ctx, &graphql.OperationContext{})
		writeResponse(w, exec.DispatchError(none, gqlerror.List{{
			Message:    fmt.Sprintf("the request body is not a GraphQL request in JSON: %v", err),
			Extensions: map[string]any{"code": apierror.BadRequest},
		}}))
		return
	}
	params.Headers = r.Header
	params.ReadTime.End = graphql.Now()

	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		if errcode.GetErrorKind(errs) == errcode.KindProtocol {
			w.WriteHeader(protocolStatus)
		}
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	// A shared answer to a client that takes gzip: compressed once, not
	// for every request (the server's gzip middleware offers this).
	if gw, ok := w.(interface{ WriteGzipped([]byte) bool }); ok {
		if body, ok := shared.Gzipped(resp); ok && gw.WriteGzipped(body) {
			return
		}
	}
	writeResponse(w, resp)
}

// answersIn is the media type of the answer to r, chosen as gqlgen's
// transport chooses it: the first of r's Accept types that is JSON or
// graphql-response+json (any type, or none asked: JSON); when none is,
// graphql-response+json.
func answersIn(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return "application/json"
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return "application/json"
		case graphQLResponseJSON:
			return graphQLResponseJSON
		}
	}
	return graphQLResponseJSON
}

// writeResponse writes resp as JSON; a response of data alone (the
// executor's, already valid compact JSON) as it is.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp != nil && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Label == "" &&
		resp.Path == nil && resp.HasNext == nil && len(resp.Data) > 0 {
		_, _ = io.WriteString(w, `{"data":`)
		_, _ = w.Write(resp.Data)
		_, _ = io.WriteString(w, "}")
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		// Only data that is not JSON fails; the executor writes none.
		b, _ = json.Marshal(&graphql.Response{Errors: gqlerror.List{{Message: "internal error: the response could not be written",
			Extensions: map[string]any{"code": apierror.Internal}}}})
	}
	_, _ = w.Write(b)
}

// Package pagecache answers directory queries from responses computed
// once for a role's audience, for every viewer of that role who would be
// shown exactly the same.
//
// What a viewer is shown differs from what their role's audience is shown
// (access.Audience: for a member, the people listed in the directory) only
// among the viewer's own few: their own person and the people with a
// connection to them (census.Few). So a query asked by viewer v is
// answered as a stand-in of v's role with no person and no connections
// (the prototype), and that answer is v's own when:
//
//   - the query selects only fields whose value depends on the viewer
//     through nothing but the viewer's role and their relation to the
//     people shown (the allowlist below; no filters, no contact details,
//     no settings): anything else is executed for v as usual;
//   - v sees exactly their audience's people (census.SeesAudience): then
//     every list and count of people is the same for both;
//   - and no one of v's few is among the people the prototype's answer
//     read (including the row read past a page to learn whether there is
//     another): what v is shown of anyone else is what the audience is
//     shown.
//
// The prototype's answers are kept for maxAge by role, query and
// variables, and forgotten as soon as a mutation of a type they show
// commits, through this server or (with a keep.Relay) another on the same
// database; so are the viewers' verdicts, with people and connections.
package pagecache

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/shyraq/birge/census"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/keep"
	"github.com/shyraq/birge/viewer"
)

// maxAge is how long an answer is kept; prototypeTimeout how long a
// prototype may take.
const (
	maxAge           = 2 * time.Second
	prototypeTimeout = 10 * time.Second
)

// limit is the most answers kept; maxBytes the largest answer kept;
// verdictLimit the most viewers' verdicts kept (8 bytes a person of their
// few each). At most 16 MB of answers, typically 10-40 KB each.
const (
	limit        = 128
	maxBytes     = 128 << 10
	verdictLimit = 2_000
)

// allowed lists, by GraphQL object type, the fields a kept answer may
// select: what each shows depends on the viewer only through their role
// and their relation to the person it belongs to. Person-owned rows
// (enrollments) are reached only through their person. Lists of people
// (Cohort.trainers) are fine: every person read is checked against the
// viewer's few. Left out on purpose: profile and contact details (their
// reads may be audited), privacy settings and consents, connections,
// surveys, anything reaching another person's rows (Cohort.enrollments),
// and every where argument (filters on field groups differ among the few).
var allowed = map[string][]string{
	"Query":                {"people"},
	"PersonConnection":     {"edges", "pageInfo", "totalCount"},
	"PersonEdge":           {"node", "cursor"},
	"PageInfo":             {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"},
	"Person":               {"id", "createdAt", "updatedAt", "givenName", "familyName", "city", "isTrainer", "lookingFor", "interests", "activities", "enrollments", "trainedCohorts"},
	"InterestConnection":   {"edges", "pageInfo", "totalCount"},
	"InterestEdge":         {"node", "cursor"},
	"Interest":             {"id", "slug", "labelKk", "labelRu", "labelEn"},
	"ActivityConnection":   {"edges", "pageInfo", "totalCount"},
	"ActivityEdge":         {"node", "cursor"},
	"Activity":             {"id", "slug", "labelKk", "labelRu", "labelEn"},
	"EnrollmentConnection": {"edges", "pageInfo", "totalCount"},
	"EnrollmentEdge":       {"node", "cursor"},
	"Enrollment":           {"id", "createdAt", "updatedAt", "status", "pledge", "goals", "personID", "cohortID", "cohort"},
	"CohortConnection":     {"edges", "pageInfo", "totalCount"},
	"CohortEdge":           {"node", "cursor"},
	"Cohort":               {"id", "createdAt", "updatedAt", "name", "city", "venue", "startDate", "endDate", "capacity", "status", "programID", "activities", "trainers"},
}

// pageArgs are the arguments a kept answer's fields may take: the page
// and its order, never a filter.
var pageArgs = map[string]bool{"first": true, "after": true, "last": true, "before": true, "orderBy": true}

// shown are the ent types whose mutations may change a kept answer: the
// allowlist's types that are entities (their edges are mutations of
// either end).
var shown = []string{"Person", "Interest", "Activity", "Enrollment", "Cohort"}

var allowedFields = map[string]map[string]bool{}

func init() {
	for typ, fields := range allowed {
		allowedFields[typ] = map[string]bool{}
		for _, f := range fields {
			allowedFields[typ][f] = true
		}
	}
}

// Cache keeps the prototypes' answers for one executable schema.
type Cache struct {
	census *census.Census
	schema graphql.ExecutableSchema
	errors graphql.ErrorPresenterFunc
	panics graphql.RecoverFunc
	pages  *keep.Map[[sha256.Size]byte, page]
	// verdicts are, by viewer, their few and whether they see exactly
	// their audience.
	verdicts *keep.Map[viewerKey, verdict]
}

// page is a prototype's answer: its data and the people it read, sorted.
// An answer that may not be served to others (it has errors, read people
// in a way that names none, or is too large) is kept too, with keep
// false, so that the query is executed as usual until it is forgotten.
type page struct {
	keep   bool
	data   json.RawMessage
	people []int
	gz     *compressed
}

// compressed is an answer's response body, {"data":...}, compressed with
// gzip once, when first asked for.
type compressed struct {
	once sync.Once
	body []byte
}

type viewerKey struct {
	role   viewer.Role
	person int
}

type verdict struct {
	few  []int
	same bool
}

// Options are what a Cache executes with: the schema, and the error
// presenter and panic handler of the server it serves.
type Options struct {
	Schema graphql.ExecutableSchema
	Errors graphql.ErrorPresenterFunc
	Panics graphql.RecoverFunc
	// Now is the clock of kept answers; nil means time.Now (tests).
	Now func() time.Time
	// Relay (nil: none) tells the cache of changes made by other servers.
	Relay *keep.Relay
}

// Attach installs on client the interceptor that notes the people a
// prototype's answer reads and the hook that forgets answers when what
// they show changes, and returns the cache to serve with InterceptResponse.
func Attach(client *ent.Client, c *census.Census, opts Options) *Cache {
	pc := &Cache{
		census: c, schema: opts.Schema, errors: opts.Errors, panics: opts.Panics,
		pages:    keep.NewLimited[[sha256.Size]byte, page](maxAge, limit),
		verdicts: keep.NewLimited[viewerKey, verdict](maxAge, verdictLimit),
	}
	if opts.Now != nil {
		pc.pages.SetClock(opts.Now)
		pc.verdicts.SetClock(opts.Now)
	}
	client.Person.Intercept(ent.InterceptFunc(readPeople))
	pc.pages.Watch(client, opts.Relay, shown...)
	// A viewer's few and what they see change with people and connections.
	pc.verdicts.Watch(client, opts.Relay, "Person", "Connection")
	return pc
}

// ExtensionName implements graphql.HandlerExtension.
func (*Cache) ExtensionName() string { return "PageCache" }

// Validate implements graphql.HandlerExtension.
func (*Cache) Validate(graphql.ExecutableSchema) error { return nil }

// Source says how a query was answered: "" executed for its viewer,
// Kept from a kept answer, Computed from its role's answer computed for it.
type Source string

// The sources of an answer from the cache.
const (
	Kept     Source = "kept"
	Computed Source = "computed"
)

// Shared is what the Cache notes of a request it answers with a shared
// answer: how, and the answer, whose response body it can give
// compressed (made once for all who are given the answer).
type Shared struct {
	Source Source
	page   page
}

type sharedKey struct{}

// WithShared returns ctx in which the Cache notes in *sh how it answered.
func WithShared(ctx context.Context, sh *Shared) context.Context {
	return context.WithValue(ctx, sharedKey{}, sh)
}

// SharedFrom is the note ctx carries, or nil.
func SharedFrom(ctx context.Context) *Shared {
	sh, _ := ctx.Value(sharedKey{}).(*Shared)
	return sh
}

// Gzipped returns the response body of resp, {"data":...}, compressed
// with gzip, when resp is the shared answer as the Cache gave it (its
// data, no errors, no extensions); the body is compressed once for every
// request given the answer.
func (sh *Shared) Gzipped(resp *graphql.Response) ([]byte, bool) {
	d := sh.page.data
	if sh.page.gz == nil || resp == nil || len(resp.Errors) > 0 || len(resp.Extensions) > 0 ||
		len(resp.Data) != len(d) || len(d) == 0 || &resp.Data[0] != &d[0] {
		return nil, false
	}
	gz := sh.page.gz
	gz.once.Do(func() {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		_, _ = w.Write([]byte(`{"data":`))
		_, _ = w.Write(d)
		_, _ = w.Write([]byte("}"))
		if w.Close() == nil {
			gz.body = b.Bytes()
		}
	})
	return gz.body, gz.body != nil
}

// InterceptResponse implements graphql.ResponseInterceptor: it answers a
// query that qualifies from the prototype's answer.
func (c *Cache) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	v := viewer.FromContext(ctx)
	// A request refused before execution (bad variables, too costly) comes
	// here with its errors already noted.
	if v.System || len(graphql.GetErrors(ctx)) > 0 || oc.Stats.Validation.End.IsZero() || !qualifies(oc) {
		return next(ctx)
	}
	vd, err := c.verdicts.Get(ctx, viewerKey{v.Role, v.PersonID}, func(ctx context.Context) (verdict, error) {
		few, err := c.census.Few(ctx, v)
		if err != nil {
			return verdict{}, err
		}
		same, err := c.census.SeesAudience(ctx, v, few)
		return verdict{few: few, same: same}, err
	})
	if err != nil || !vd.same {
		return next(ctx)
	}
	key, err := keyOf(v.Role, oc)
	if err != nil {
		return next(ctx)
	}
	computed := false
	p, err := c.pages.Get(ctx, key, func(ctx context.Context) (page, error) {
		computed = true
		return c.prototype(ctx, oc, v.Role)
	})
	if err != nil || !p.keep || readsAny(p.people, vd.few) {
		return next(ctx)
	}
	src := Kept
	if computed {
		src = Computed
	}
	if sh := SharedFrom(ctx); sh != nil {
		sh.Source, sh.page = src, p
	}
	return &graphql.Response{Data: p.data, Errors: graphql.GetErrors(ctx), Extensions: graphql.GetExtensions(ctx)}
}

// prototype executes the operation as the prototype of role, noting the
// people it reads. It runs to its own deadline, not the asker's: an asker
// who leaves does not fail the answer of those waiting for it. A failure
// is an error, and nothing is kept.
func (c *Cache) prototype(ctx context.Context, oc *graphql.OperationContext, role viewer.Role) (page, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), prototypeTimeout)
	defer cancel()
	proto := viewer.Viewer{Role: role}
	if role != "" {
		proto.AccountID = -1 // signed in, with no account of its own
	}
	r := &reader{people: map[int]bool{}}
	ctx = context.WithValue(viewer.NewContext(ctx, proto), readerKey{}, r)
	ctx = graphql.WithOperationContext(ctx, oc)
	ctx = graphql.WithResponseContext(ctx, c.errors, c.panics)
	resp := c.schema.Exec(ctx)(ctx)
	if err := ctx.Err(); err != nil {
		return page{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if resp == nil || len(resp.Errors) > 0 || len(graphql.GetErrors(ctx)) > 0 || r.unknown || len(resp.Data) > maxBytes {
		// Not to be shared; the query is executed for each viewer
		// until this is forgotten.
		return page{}, nil
	}
	people := make([]int, 0, len(r.people))
	for id := range r.people {
		people = append(people, id)
	}
	slices.Sort(people)
	return page{keep: true, data: resp.Data, people: people, gz: &compressed{}}, nil
}

// readsAny reports whether any of few (sorted) is among people (sorted).
func readsAny(people, few []int) bool {
	for _, id := range few {
		if _, found := slices.BinarySearch(people, id); found {
			return true
		}
	}
	return false
}

// keyOf is the key of an answer: the role, the document, the operation
// and the variables.
func keyOf(role viewer.Role, oc *graphql.OperationContext) ([sha256.Size]byte, error) {
	vars, err := json.Marshal(oc.Variables) // map keys sorted
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(role), []byte(oc.RawQuery), []byte(oc.OperationName), vars} {
		h.Write(binary.AppendUvarint(nil, uint64(len(part)))) // length first: no two keys run together
		h.Write(part)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key, nil
}

// qualifies reports whether oc is a query that selects only allowed
// fields, with page arguments only, and no directives but skip and
// include.
func qualifies(oc *graphql.OperationContext) bool {
	op := oc.Operation
	return op != nil && op.Operation == ast.Query && len(op.Directives) == 0 && selects(op.SelectionSet)
}

func selects(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !plain(s.Directives) {
				return false
			}
			if s.Name == "__typename" {
				continue
			}
			if s.ObjectDefinition == nil || !allowedFields[s.ObjectDefinition.Name][s.Name] {
				return false
			}
			for _, a := range s.Arguments {
				if !pageArgs[a.Name] {
					return false
				}
			}
			if !selects(s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !plain(s.Directives) || !selects(s.Definition.SelectionSet) {
				return false
			}
		case *ast.InlineFragment:
			if !plain(s.Directives) || !selects(s.SelectionSet) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// plain reports whether ds are only skip and include.
func plain(ds ast.DirectiveList) bool {
	for _, d := range ds {
		if d.Name != "skip" && d.Name != "include" {
			return false
		}
	}
	return true
}

type readerKey struct{}

// reader notes the people a prototype's answer reads.
type reader struct {
	mu      sync.Mutex
	people  map[int]bool
	unknown bool // a read whose people are not known (not a list of people, IDs or a count)
}

// readPeople is the person interceptor that tells a prototype's reader
// the people read.
func readPeople(next ent.Querier) ent.Querier {
	return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
		value, err := next.Query(ctx, q)
		r, _ := ctx.Value(readerKey{}).(*reader)
		if r == nil || err != nil {
			return value, err
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		switch value := value.(type) {
		case []*ent.Person:
			for _, p := range value {
				r.people[p.ID] = true
			}
		case []int:
			for _, id := range value {
				r.people[id] = true
			}
		case int:
			// A count: the same for whoever sees the same people. Every
			// count an allowed field makes (people.totalCount through
			// census, a nested list's totalCount through entgql) is of
			// the people visible, with no other predicate that depends
			// on the viewer; a field that counted otherwise would have to
			// stay off the allowlist.
		default:
			// entgql counts the people of each parent of a nested list
			// (Cohort.trainers' totalCount) into rows of a parent and
			// a count.
			r.unknown = r.unknown || !countsByParent(value)
		}
		return value, err
	})
}

// countsByParent reports whether value is a list of counts by parent:
// a slice of structs of two int fields, NodeID and Count.
func countsByParent(value ent.Value) bool {
	t := reflect.TypeOf(value)
	if t == nil || t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct || t.Elem().NumField() != 2 {
		return false
	}
	for i, name := range []string{"NodeID", "Count"} {
		f := t.Elem().Field(i)
		if f.Name != name || f.Type.Kind() != reflect.Int {
			return false
		}
	}
	return true
}

package graph

import (
	"context"
	"errors"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/graph/model"
	"github.com/shyraq/birge/personal"
	"github.com/shyraq/birge/viewer"
)

// eyes returns the viewer whose eyes a field is resolved with: inside
// Query.profilePreview, the preview's audience (so that what the preview
// shows is what that audience would see, to the last field); elsewhere,
// the viewer of the request.
func eyes(ctx context.Context) viewer.Viewer {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Object != "Query" || fc.Field.Field == nil || fc.Field.Name != "profilePreview" {
			continue
		}
		if a, ok := fc.Args["audience"].(model.PreviewAudience); ok {
			if v, ok := access.PreviewViewer(a.String()); ok {
				return v
			}
		}
		return viewer.Viewer{} // an audience we do not know sees what a visitor sees
	}
	return viewer.FromContext(ctx)
}

// signedIn returns the viewer, or UNAUTHENTICATED for a visitor.
func signedIn(ctx context.Context) (viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if v.AccountID <= 0 {
		return v, apierror.New(apierror.Unauthenticated, "sign in to do this")
	}
	return v, nil
}

func consentState(st *personal.ConsentState) *model.ConsentState {
	return &model.ConsentState{Kind: st.Kind, Granted: st.Granted, GrantedAt: st.GrantedAt, RevokedAt: st.RevokedAt}
}

// yearStart is the first instant of a calendar year, in UTC.
func yearStart(year int) time.Time { return time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC) }

// signedInAccount loads the account of a session just created, with what
// the query asks of it, as that account sees it: the request itself came
// from a visitor.
func (r *Resolver) signedInAccount(ctx context.Context, token string) (*ent.Account, error) {
	v, err := r.auth.Authenticate(ctx, token)
	if err != nil {
		return nil, err
	}
	vctx := viewer.NewContext(ctx, v)
	q, err := r.client.Account.Query().Where(account.ID(v.AccountID)).CollectFields(vctx)
	if err != nil {
		return nil, err
	}
	return q.Only(vctx)
}

// unfiltered reports whether a person list's where argument filters
// nothing (absent, or with no condition set).
func unfiltered(where *ent.PersonWhereInput) bool {
	if where == nil {
		return true
	}
	_, err := where.P()
	return errors.Is(err, ent.ErrEmptyPersonWhereInput)
}

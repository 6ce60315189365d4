// Package personal holds what a signed-in person does with their own data:
// privacy settings, profile and contact details, consents, downloading
// everything, and deleting their account. Every write runs as the person,
// so the ent policies decide what is allowed.
package personal

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/connection"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/contactdetails"
	"github.com/shyraq/birge/ent/invitation"
	"github.com/shyraq/birge/ent/passwordreset"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/ent/session"
	"github.com/shyraq/birge/viewer"
	"github.com/shyraq/birge/visibility"
)

// Me returns the signed-in viewer's person ID, or UNAUTHENTICATED.
func Me(ctx context.Context) (viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if v.AccountID <= 0 {
		return v, apierror.New(apierror.Unauthenticated, "sign in to do this")
	}
	if v.PersonID == 0 {
		return v, apierror.New(apierror.BadUserInput, "your account has no profile")
	}
	return v, nil
}

// Privacy is a change of privacy settings; nil fields stay as they are.
type Privacy struct {
	ListedInDirectory *bool
	VisibleToPartners *bool
	ProfileVisibility *visibility.Level
	ContactVisibility *visibility.Level
}

// UpdatePrivacy changes the viewer's privacy settings. Listing in the
// directory is a consent, so changing it records the consent too.
func UpdatePrivacy(ctx context.Context, client *ent.Client, in Privacy) (p *ent.Person, err error) {
	err = inTx(ctx, client, func(tx *ent.Client) error {
		p, err = updatePrivacy(ctx, tx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p.Unwrap(), nil // bound to the client again: the transaction is over
}

func updatePrivacy(ctx context.Context, client *ent.Client, in Privacy) (*ent.Person, error) {
	v, err := Me(ctx)
	if err != nil {
		return nil, err
	}
	u := client.Person.UpdateOneID(v.PersonID)
	if in.ListedInDirectory != nil {
		u.SetListedInDirectory(*in.ListedInDirectory)
	}
	if in.VisibleToPartners != nil {
		u.SetVisibleToPartners(*in.VisibleToPartners)
	}
	if in.ProfileVisibility != nil {
		u.SetProfileVisibility(*in.ProfileVisibility)
	}
	if in.ContactVisibility != nil {
		u.SetContactVisibility(*in.ContactVisibility)
	}
	p, err := u.Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.ListedInDirectory != nil {
		if _, err := setConsent(ctx, client, consent.KindDIRECTORY_LISTING, *in.ListedInDirectory); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// inTx runs fn in a transaction: all of a change is written, or none.
func inTx(ctx context.Context, client *ent.Client, fn func(*ent.Client) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// ConsentState is the current state of one kind of consent.
type ConsentState struct {
	Kind      consent.Kind
	Granted   bool
	GrantedAt *time.Time
	RevokedAt *time.Time
}

// SetConsent grants or revokes one kind of consent: granting adds a record
// with its time, revoking stamps the open record. Granting what is granted
// (or revoking what is not) changes nothing.
func SetConsent(ctx context.Context, client *ent.Client, kind consent.Kind, granted bool) (st *ConsentState, err error) {
	err = inTx(ctx, client, func(tx *ent.Client) error {
		st, err = setConsent(ctx, tx, kind, granted)
		return err
	})
	return st, err
}

func setConsent(ctx context.Context, client *ent.Client, kind consent.Kind, granted bool) (*ConsentState, error) {
	v, err := Me(ctx)
	if err != nil {
		return nil, err
	}
	if err := consent.KindValidator(kind); err != nil {
		return nil, apierror.Input("kind: %q is not a kind of consent", kind)
	}
	open, err := client.Consent.Query().
		Where(consent.PersonID(v.PersonID), consent.KindEQ(kind), consent.RevokedAtIsNil()).
		Order(ent.Desc(consent.FieldGrantedAt)).
		First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	// Microseconds: what PostgreSQL keeps, so that the time returned now
	// is the time read back later.
	now := time.Now().UTC().Truncate(time.Microsecond)
	switch {
	case granted && open == nil:
		open, err = client.Consent.Create().SetPersonID(v.PersonID).SetKind(kind).SetGrantedAt(now).Save(ctx)
	case !granted && open != nil:
		open, err = open.Update().SetRevokedAt(now).Save(ctx)
	}
	if err != nil {
		return nil, err
	}
	if kind == consent.KindDIRECTORY_LISTING {
		if err := client.Person.UpdateOneID(v.PersonID).SetListedInDirectory(granted).Exec(ctx); err != nil {
			return nil, err
		}
	}
	st := &ConsentState{Kind: kind, Granted: granted}
	if open != nil {
		st.GrantedAt, st.RevokedAt = &open.GrantedAt, open.RevokedAt
	}
	return st, nil
}

// Consents returns the current state of every kind of consent of a person.
func Consents(ctx context.Context, client *ent.Client, personID int) ([]*ConsentState, error) {
	rows, err := client.Consent.Query().
		Where(consent.PersonID(personID)).
		Order(ent.Asc(consent.FieldGrantedAt)).
		All(ctx)
	if err != nil {
		return nil, err
	}
	latest := map[consent.Kind]*ent.Consent{}
	for _, c := range rows {
		latest[c.Kind] = c
	}
	var out []*ConsentState
	for _, k := range []consent.Kind{consent.KindDIRECTORY_LISTING, consent.KindPEER_CONTACT, consent.KindOUTCOME_SURVEYS, consent.KindSTORIES_AND_PHOTOS} {
		st := &ConsentState{Kind: k}
		if c := latest[k]; c != nil {
			st.Granted = c.RevokedAt == nil
			st.GrantedAt, st.RevokedAt = &c.GrantedAt, c.RevokedAt
		}
		out = append(out, st)
	}
	return out, nil
}

// ProfileChange is a change of the viewer's own profile; nil fields stay.
type ProfileChange struct {
	GivenName, FamilyName, City, Bio *string
	Languages                        []string
	Email, Phone, Telegram           *string
}

// UpdateProfile changes the viewer's names, city, profile and contact
// details, creating the profile and contact records if missing.
func UpdateProfile(ctx context.Context, client *ent.Client, in ProfileChange) (p *ent.Person, err error) {
	err = inTx(ctx, client, func(tx *ent.Client) error {
		p, err = updateProfile(ctx, tx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p.Unwrap(), nil // bound to the client again: the transaction is over
}

// getOrCreate returns the one row that find reads, or the row create
// makes when there is none (a person's profile or contact details, made on
// their first edit).
func getOrCreate[T any](ctx context.Context, find, create func(context.Context) (T, error)) (T, error) {
	row, err := find(ctx)
	if ent.IsNotFound(err) {
		return create(ctx)
	}
	return row, err
}

func updateProfile(ctx context.Context, client *ent.Client, in ProfileChange) (*ent.Person, error) {
	v, err := Me(ctx)
	if err != nil {
		return nil, err
	}
	u := client.Person.UpdateOneID(v.PersonID)
	if in.GivenName != nil {
		u.SetGivenName(*in.GivenName)
	}
	if in.FamilyName != nil {
		u.SetFamilyName(*in.FamilyName)
	}
	if in.City != nil {
		u.SetCity(*in.City)
	}
	p, err := u.Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.Bio != nil || in.Languages != nil {
		pr, err := getOrCreate(ctx, client.Profile.Query().Where(profile.PersonID(v.PersonID)).Only,
			client.Profile.Create().SetPersonID(v.PersonID).Save)
		if err != nil {
			return nil, err
		}
		pu := pr.Update()
		if in.Bio != nil {
			pu.SetBio(*in.Bio)
		}
		if in.Languages != nil {
			pu.SetLanguages(in.Languages)
		}
		if err := pu.Exec(ctx); err != nil {
			return nil, err
		}
	}
	if in.Email != nil || in.Phone != nil || in.Telegram != nil {
		cd, err := getOrCreate(ctx, client.ContactDetails.Query().Where(contactdetails.PersonID(v.PersonID)).Only,
			client.ContactDetails.Create().SetPersonID(v.PersonID).Save)
		if err != nil {
			return nil, err
		}
		cu := cd.Update()
		if in.Email != nil {
			cu.SetEmail(*in.Email)
		}
		if in.Phone != nil {
			cu.SetPhone(*in.Phone)
		}
		if in.Telegram != nil {
			cu.SetTelegram(*in.Telegram)
		}
		if err := cu.Exec(ctx); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Export returns everything Birge holds about the viewer, as JSON.
func Export(ctx context.Context, client *ent.Client) ([]byte, error) {
	v, err := Me(ctx)
	if err != nil {
		return nil, err
	}
	p, err := client.Person.Query().
		Where(person.ID(v.PersonID)).
		WithProfile().
		WithContact().
		WithInterests().
		WithActivities().
		WithOrganization().
		WithEnrollments(func(q *ent.EnrollmentQuery) { q.WithCohort() }).
		WithConsents().
		Only(ctx)
	if err != nil {
		return nil, err
	}
	acc, err := client.Account.Get(ctx, v.AccountID)
	if err != nil {
		return nil, err
	}
	conns, err := client.Connection.Query().
		Where(connection.Or(connection.RequesterID(v.PersonID), connection.AddresseeID(v.PersonID))).
		All(ctx)
	if err != nil {
		return nil, err
	}
	doc := map[string]any{
		"exportedAt":  time.Now().UTC(),
		"account":     map[string]any{"email": acc.Email, "role": acc.Role, "locale": acc.Locale, "createdAt": acc.CreatedAt, "lastSignInAt": acc.LastSignInAt},
		"person":      p,
		"privacy":     map[string]any{"listedInDirectory": p.ListedInDirectory, "visibleToPartners": p.VisibleToPartners, "profileVisibility": p.ProfileVisibility, "contactVisibility": p.ContactVisibility},
		"connections": conns,
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode export: %w", err)
	}
	return out, nil
}

// DeletedName is the name an anonymized person keeps, so that course
// statistics (enrollments, completions) stay correct.
const DeletedName = "—"

// DeleteAccount deletes the viewer's account and everything personal:
// sessions, reset tokens, profile, contact details, consents, connections
// and interests; the person row stays, anonymized and unlisted, so that
// enrollments still count. It runs in one transaction as the system, after
// the caller has checked the password; an audit event records it.
func DeleteAccount(ctx context.Context, client *ent.Client) error {
	v, err := Me(ctx)
	if err != nil {
		return err
	}
	sys := viewer.SystemContext(ctx)
	err = inTx(sys, client, func(tx *ent.Client) error {
		if _, err := tx.Session.Delete().Where(session.AccountID(v.AccountID)).Exec(sys); err != nil {
			return err
		}
		if _, err := tx.PasswordReset.Delete().Where(passwordreset.AccountID(v.AccountID)).Exec(sys); err != nil {
			return err
		}
		acc, err := tx.Account.Get(sys, v.AccountID)
		if err != nil {
			return err
		}
		if _, err := tx.Invitation.Delete().
			Where(invitation.Or(invitation.PersonID(v.PersonID), invitation.EmailEqualFold(acc.Email))).
			Exec(sys); err != nil {
			return err
		}
		if _, err := tx.Profile.Delete().Where(profile.PersonID(v.PersonID)).Exec(sys); err != nil {
			return err
		}
		if _, err := tx.ContactDetails.Delete().Where(contactdetails.PersonID(v.PersonID)).Exec(sys); err != nil {
			return err
		}
		if _, err := tx.Consent.Delete().Where(consent.PersonID(v.PersonID)).Exec(sys); err != nil {
			return err
		}
		if _, err := tx.Connection.Delete().
			Where(connection.Or(connection.RequesterID(v.PersonID), connection.AddresseeID(v.PersonID))).
			Exec(sys); err != nil {
			return err
		}
		if err := tx.Person.UpdateOneID(v.PersonID).
			SetGivenName(DeletedName).SetFamilyName(DeletedName).SetCity("").
			SetListedInDirectory(false).SetVisibleToPartners(false).
			SetProfileVisibility(visibility.Private).SetContactVisibility(visibility.Private).
			ClearInterests().ClearActivities().ClearOrganization().
			Exec(sys); err != nil {
			return err
		}
		if _, err := tx.Account.Delete().Where(account.ID(v.AccountID)).Exec(sys); err != nil {
			return err
		}
		return tx.AuditEvent.Create().
			SetCreatedAt(time.Now().UTC()).
			SetAction("account.deleted").
			SetSubjectPersonID(v.PersonID).
			Exec(privacy.DecisionContext(sys, privacy.Allow))
	})
	if err != nil {
		return fmt.Errorf("delete account: %w", err)
	}
	return nil
}

package auth

import (
	"context"
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/contactdetails"
	"github.com/shyraq/birge/ent/invitation"
	"github.com/shyraq/birge/ent/organization"
	"github.com/shyraq/birge/ent/person"
	"github.com/shyraq/birge/ent/privacy"
	"github.com/shyraq/birge/ent/profile"
	"github.com/shyraq/birge/viewer"
)

// InviteInput is an invitation to send.
type InviteInput struct {
	Email          string
	Role           account.Role
	PersonID       *int // the existing person the account will belong to
	OrganizationID *int // required for PARTNER
}

// Invite creates an invitation and mails its code, with a registration
// link, to the invited address. It returns the code, which is shown once
// to the staff member and stored only as a hash.
//
// Staff and admins invite; only admins invite ADMIN or STAFF. A PARTNER
// invitation needs an organization. If the mail cannot be sent, the
// invitation stands and the failure is logged: the caller still has the
// code to pass on.
func (s *Service) Invite(ctx context.Context, in InviteInput) (string, *ent.Invitation, error) {
	v := viewer.FromContext(ctx)
	switch {
	case v.Anonymous():
		return "", nil, apierror.New(apierror.Unauthenticated, "sign in to do this")
	case !v.Staff():
		return "", nil, apierror.New(apierror.Forbidden, "only staff may send invitations")
	case v.AccountID == 0:
		return "", nil, errors.New("auth: invite: an invitation needs a signed-in account as its sender")
	}
	if err := account.RoleValidator(in.Role); err != nil {
		return "", nil, apierror.Input("role: must be one of ADMIN, STAFF, MEMBER, PARTNER")
	}
	if (in.Role == account.RoleADMIN || in.Role == account.RoleSTAFF) && !v.Admin() {
		return "", nil, apierror.New(apierror.Forbidden, "only admins may invite staff or admins")
	}
	email := normalizeEmail(in.Email)
	if err := validateEmail(email); err != nil {
		return "", nil, err
	}
	if in.Role == account.RolePARTNER && in.OrganizationID == nil {
		return "", nil, apierror.Input("organization: a partner invitation needs an organization")
	}

	// The sender is staff: checks may read what they need.
	sys := system(ctx)
	if id := in.OrganizationID; id != nil {
		ok, err := s.client.Organization.Query().Where(organization.ID(*id)).Exist(sys)
		if err != nil {
			return "", nil, fmt.Errorf("auth: invite: %w", err)
		}
		if !ok {
			return "", nil, apierror.Input("organization: there is no such organization")
		}
	}
	if id := in.PersonID; id != nil {
		p, err := s.client.Person.Query().Where(person.ID(*id)).WithAccount().Only(sys)
		if ent.IsNotFound(err) {
			return "", nil, apierror.Input("person: there is no such person")
		}
		if err != nil {
			return "", nil, fmt.Errorf("auth: invite: %w", err)
		}
		if p.Edges.Account != nil {
			return "", nil, apierror.Input("person: this person already has an account")
		}
	}
	taken, err := s.client.Account.Query().Where(account.EmailEqualFold(email)).Exist(sys)
	if err != nil {
		return "", nil, fmt.Errorf("auth: invite: %w", err)
	}
	if taken {
		return "", nil, apierror.Input("email: an account with this email address already exists")
	}

	code := newInviteCode()
	now := s.now()
	// The caller's context: the Invitation policy decides too.
	inv, err := s.client.Invitation.Create().
		SetCodeHash(hashToken(normalizeCode(code))).
		SetEmail(email).
		SetRole(invitation.Role(in.Role)).
		SetCreatedAt(now).
		SetExpiresAt(now.Add(s.opts.InviteTTL)).
		SetNillablePersonID(in.PersonID).
		SetNillableOrganizationID(in.OrganizationID).
		SetCreatedByID(v.AccountID).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return "", nil, apierror.New(apierror.Forbidden, "you are not allowed to send invitations")
	}
	if err != nil {
		return "", nil, fmt.Errorf("auth: invite: %w", err)
	}

	link := s.opts.PublicURL + "/register?code=" + url.QueryEscape(code)
	msg := Message{
		To:      email,
		Subject: "Your invitation to Birge",
		Body: fmt.Sprintf(`Hello,

You are invited to join Birge, the community of the School of Independent Life.

To create your account, open this link:
%s

Or open %s/register and type this invitation code:
%s

The invitation is for %s. It works once, until %s.

If you did not expect this message, you can ignore it.
`, link, s.opts.PublicURL, code, email, formatDate(inv.ExpiresAt)),
	}
	if err := s.mailer.Send(ctx, msg); err != nil {
		s.log.ErrorContext(ctx, "auth: sending an invitation failed", "invitation", inv.ID, "error", err)
	}
	return code, inv, nil
}

// formatDate is a date for mail, such as "2 January 2026".
func formatDate(t time.Time) string { return t.UTC().Format("2 January 2006") }

// codeEncoding writes invitation codes with letters and digits that are
// easy to read aloud and type: A-Z and 2-7.
var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newInviteCode returns a random code of 120 bits, in groups of four:
// ABCD-EFGH-JKLM-NPQR-STUV-WXYZ.
func newInviteCode() string {
	raw := codeEncoding.EncodeToString(randomBytes(15)) // 24 characters
	var b strings.Builder
	for i := 0; i < len(raw); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(raw[i : i+4])
	}
	return b.String()
}

// normalizeCode makes a typed code comparable: upper case, no dashes or
// spaces.
func normalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

// RegisterInput is a registration by invitation.
type RegisterInput struct {
	Code, Email, Password, GivenName, FamilyName string
	Locale                                       account.Locale // empty: ru
}

// Register redeems an invitation code: it creates the account (and, unless
// the invitation names an existing person, the person with an empty
// profile and contact details), marks the invitation used, and opens a
// session. A code works once, even under concurrent attempts.
func (s *Service) Register(ctx context.Context, in RegisterInput) (string, *ent.Account, error) {
	sys := system(ctx)
	now := s.now()
	code := normalizeCode(in.Code)
	if code == "" || len(code) > 128 {
		return "", nil, apierror.Input("code: this invitation code is not valid")
	}
	inv, err := s.client.Invitation.Query().Where(invitation.CodeHash(hashToken(code))).Only(sys)
	if ent.IsNotFound(err) {
		return "", nil, apierror.Input("code: this invitation code is not valid")
	}
	if err != nil {
		return "", nil, fmt.Errorf("auth: register: %w", err)
	}
	if inv.UsedAt != nil {
		return "", nil, errInvitationUsed
	}
	if !now.Before(inv.ExpiresAt) {
		return "", nil, apierror.Input("code: this invitation has expired; ask for a new one")
	}
	email := normalizeEmail(in.Email)
	if !strings.EqualFold(email, inv.Email) {
		return "", nil, apierror.Input("email: this is not the email address the invitation was sent to")
	}
	taken, err := s.client.Account.Query().Where(account.EmailEqualFold(email)).Exist(sys)
	if err != nil {
		return "", nil, fmt.Errorf("auth: register: %w", err)
	}
	if taken {
		return "", nil, errEmailTaken
	}
	if err := ValidatePassword(in.Password, email); err != nil {
		return "", nil, err
	}
	given, family := strings.TrimSpace(in.GivenName), strings.TrimSpace(in.FamilyName)
	if inv.PersonID == nil {
		if err := validateName("givenName", given); err != nil {
			return "", nil, err
		}
		if err := validateName("familyName", family); err != nil {
			return "", nil, err
		}
	}
	locale := in.Locale
	if locale == "" {
		locale = account.DefaultLocale
	}
	if account.LocaleValidator(locale) != nil {
		return "", nil, apierror.Input("locale: must be kk, ru or en")
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return "", nil, fmt.Errorf("auth: register: %w", err)
	}

	var (
		token string
		acc   *ent.Account
	)
	err = s.inTx(sys, func(tx *ent.Tx) error {
		// Claim the invitation first: of racing registrations, one
		// updates the row; the others find it used.
		n, err := tx.Invitation.Update().
			Where(invitation.ID(inv.ID), invitation.UsedAtIsNil(), invitation.ExpiresAtGT(now)).
			SetUsedAt(now).
			Save(sys)
		if err != nil {
			return err
		}
		if n != 1 {
			return errInvitationUsed
		}
		personID, err := s.registerPerson(sys, tx, inv, email, given, family)
		if err != nil {
			return err
		}
		acc, err = tx.Account.Create().
			SetEmail(email).
			SetPasswordHash(hash).
			SetRole(account.Role(inv.Role)).
			SetLocale(locale).
			SetNillableOrganizationID(inv.OrganizationID).
			SetPersonID(personID).
			SetLastSignInAt(now).
			Save(sys)
		if ent.IsConstraintError(err) {
			return errEmailTaken
		}
		if err != nil {
			return err
		}
		token, err = s.newSession(sys, tx.Client(), acc.ID, now)
		return err
	})
	if err != nil {
		var coded *apierror.Error
		if errors.As(err, &coded) {
			return "", nil, coded
		}
		return "", nil, fmt.Errorf("auth: register: %w", err)
	}
	return token, acc.Unwrap(), nil
}

var (
	errInvitationUsed = apierror.Input("code: this invitation has already been used")
	errEmailTaken     = apierror.Input("email: an account with this email address already exists; sign in, or reset your password")
)

// registerPerson returns the person of a new account: the invitation's
// person, or a new one. It gives either a profile and contact details
// if it has none.
func (s *Service) registerPerson(ctx context.Context, tx *ent.Tx, inv *ent.Invitation, email, given, family string) (int, error) {
	var id int
	if inv.PersonID != nil {
		id = *inv.PersonID
		taken, err := tx.Person.Query().Where(person.ID(id), person.HasAccount()).Exist(ctx)
		if err != nil {
			return 0, err
		}
		if taken {
			return 0, apierror.Input("code: this invitation can no longer be used: its person already has an account")
		}
	} else {
		create := tx.Person.Create().SetGivenName(given).SetFamilyName(family)
		if inv.Role == invitation.RolePARTNER {
			create.SetNillableOrganizationID(inv.OrganizationID)
		}
		p, err := create.Save(ctx)
		if err != nil {
			return 0, err
		}
		id = p.ID
	}
	hasProfile, err := tx.Profile.Query().Where(profile.PersonID(id)).Exist(ctx)
	if err != nil {
		return 0, err
	}
	if !hasProfile {
		if err := tx.Profile.Create().SetPersonID(id).Exec(ctx); err != nil {
			return 0, err
		}
	}
	hasContact, err := tx.ContactDetails.Query().Where(contactdetails.PersonID(id)).Exist(ctx)
	if err != nil {
		return 0, err
	}
	if !hasContact {
		if err := tx.ContactDetails.Create().SetPersonID(id).SetEmail(email).Exec(ctx); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// validateName checks a required name of at most 100 characters.
func validateName(field, name string) error {
	switch {
	case name == "":
		return apierror.Input("%s: must not be empty", field)
	case !utf8.ValidString(name):
		return apierror.Input("%s: must be valid text", field)
	case utf8.RuneCountInString(name) > 100:
		return apierror.Input("%s: must be at most 100 characters", field)
	}
	return nil
}

// inTx runs fn in a transaction, committing if it returns nil.
func (s *Service) inTx(ctx context.Context, fn func(tx *ent.Tx) error) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			s.log.WarnContext(ctx, "auth: rollback failed", "error", rerr)
		}
		return err
	}
	return tx.Commit()
}

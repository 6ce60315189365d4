package auth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/passwordreset"
	"github.com/shyraq/birge/ent/session"
	"github.com/shyraq/birge/viewer"
)

// RequestPasswordReset mails a password reset link to email if it has an
// account. It returns nil for every well-formed address, account or not,
// so that it reveals nothing; a malformed one is BAD_USER_INPUT.
//
// The link holds a single-use token valid for ResetTTL. One address gets
// at most 3 reset mails an hour; further requests are quietly dropped.
// With a real Mailer the token is created and mailed in the background, so
// that the response time does not tell whether the account exists; the
// development LogMailer is written to before returning.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email = normalizeEmail(email)
	if err := validateEmail(email); err != nil {
		return err
	}
	now := s.now()
	if ok, _ := s.resets.take(email, now); !ok {
		s.log.WarnContext(ctx, "auth: too many password reset requests; request dropped")
		return nil
	}
	if _, dev := s.mailer.(*LogMailer); dev {
		s.sendReset(ctx, email, now)
		return nil
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	go func() {
		defer cancel()
		s.sendReset(bg, email, now)
	}()
	return nil
}

// sendReset creates a reset token for the account of email, if there is
// one, and mails the link. Failures are logged: the requester is told
// nothing either way.
func (s *Service) sendReset(ctx context.Context, email string, now time.Time) {
	sys := system(ctx)
	acc, err := s.client.Account.Query().Where(account.EmailEqualFold(email)).Order(account.ByID()).First(sys)
	if ent.IsNotFound(err) {
		return
	}
	if err != nil {
		s.log.ErrorContext(ctx, "auth: password reset: finding the account failed", "error", err)
		return
	}
	token := randomToken(32)
	expires := now.Add(s.opts.ResetTTL)
	err = s.client.PasswordReset.Create().
		SetTokenHash(hashToken(token)).
		SetCreatedAt(now).
		SetExpiresAt(expires).
		SetAccountID(acc.ID).
		Exec(sys)
	if err != nil {
		s.log.ErrorContext(ctx, "auth: password reset: storing the token failed", "error", err)
		return
	}
	link := s.opts.PublicURL + "/reset-password?token=" + url.QueryEscape(token)
	msg := Message{
		To:      acc.Email,
		Subject: "Reset your Birge password",
		Body: fmt.Sprintf(`Hello,

Someone asked to reset the password of your Birge account. To choose a new password, open this link:
%s

The link works once and only for %s, until %s UTC.

If you did not ask for this, you can ignore this message: your password stays as it is.
`, link, durationText(s.opts.ResetTTL), expires.UTC().Format("2 January 2006 15:04")),
	}
	if err := s.mailer.Send(ctx, msg); err != nil {
		s.log.ErrorContext(ctx, "auth: sending a password reset failed", "account", acc.ID, "error", err)
	}
}

// durationText says d in words: "1 hour", "30 minutes".
func durationText(d time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	if d >= time.Hour && d%time.Hour == 0 {
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int((d+time.Minute-1)/time.Minute), "minute")
}

var (
	errResetInvalid = apierror.Input("this password reset link is not valid; ask for a new one")
	errResetUsed    = apierror.Input("this password reset link has already been used; ask for a new one")
	errResetExpired = apierror.Input("this password reset link has expired; ask for a new one")
)

// ResetPassword sets a new password with a reset token. The token then
// stops working, as do the account's other unused reset tokens, and all
// of the account's sessions end.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	if token == "" || len(token) > 128 {
		return errResetInvalid
	}
	sys := system(ctx)
	now := s.now()
	r, err := s.client.PasswordReset.Query().
		Where(passwordreset.TokenHash(hashToken(token))).
		WithAccount().
		Only(sys)
	switch {
	case ent.IsNotFound(err):
		return errResetInvalid
	case err != nil:
		return fmt.Errorf("auth: reset password: %w", err)
	case r.UsedAt != nil:
		return errResetUsed
	case !now.Before(r.ExpiresAt):
		return errResetExpired
	case r.Edges.Account == nil:
		return errResetInvalid
	}
	if err := ValidatePassword(newPassword, r.Edges.Account.Email); err != nil {
		return err
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return fmt.Errorf("auth: reset password: %w", err)
	}
	err = s.inTx(sys, func(tx *ent.Tx) error {
		n, err := tx.PasswordReset.Update().
			Where(passwordreset.ID(r.ID), passwordreset.UsedAtIsNil(), passwordreset.ExpiresAtGT(now)).
			SetUsedAt(now).
			Save(sys)
		if err != nil {
			return err
		}
		if n != 1 {
			return errResetUsed
		}
		return s.setPassword(sys, tx, r.AccountID, hash, 0, now)
	})
	var coded *apierror.Error
	if errors.As(err, &coded) {
		return coded
	}
	if err != nil {
		return fmt.Errorf("auth: reset password: %w", err)
	}
	s.accounts.reset(normalizeEmail(r.Edges.Account.Email))
	return nil
}

// setPassword stores a new password hash, retires the account's unused
// reset tokens and ends its sessions, except keepSession (0: none).
func (s *Service) setPassword(ctx context.Context, tx *ent.Tx, accountID int, hash string, keepSession int, now time.Time) error {
	if err := tx.Account.UpdateOneID(accountID).SetPasswordHash(hash).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.PasswordReset.Update().
		Where(passwordreset.AccountID(accountID), passwordreset.UsedAtIsNil()).
		SetUsedAt(now).
		Save(ctx)
	if err != nil {
		return err
	}
	del := tx.Session.Delete().Where(session.AccountID(accountID))
	if keepSession != 0 {
		del.Where(session.IDNEQ(keepSession))
	}
	_, err = del.Exec(ctx)
	return err
}

// errWrongPassword is a form error, not a signed-out state: the viewer is
// signed in and typed their password wrongly.
var errWrongPassword = &apierror.Error{Code: apierror.BadUserInput, Message: "password: is incorrect"}

// ChangePassword sets a new password for a signed-in account after
// checking its current one (as CheckPassword does, failing the same way).
// The account's other sessions end; the session of ctx's viewer, if it is
// the account's, stays.
func (s *Service) ChangePassword(ctx context.Context, accountID int, current, next string) error {
	acc, err := s.checkPassword(ctx, accountID, current)
	if errors.Is(err, errWrongPassword) {
		return apierror.Input("currentPassword: is incorrect")
	}
	if err != nil {
		return err
	}
	if err := ValidatePassword(next, acc.Email); err != nil {
		return err
	}
	if next == current {
		return apierror.Input("password: must differ from your current password")
	}
	hash, err := HashPassword(next)
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	keep := 0
	if v := viewer.FromContext(ctx); v.AccountID == accountID {
		keep = v.SessionID
	}
	sys := system(ctx)
	err = s.inTx(sys, func(tx *ent.Tx) error {
		return s.setPassword(sys, tx, accountID, hash, keep, s.now())
	})
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	return nil
}

// CheckPassword verifies the password of an account, for actions that ask
// for it again (deleting the account). A wrong password is
// BAD_USER_INPUT "password: is incorrect"; failures count towards the
// account's sign-in limit, and past it the check fails with RATE_LIMITED.
func (s *Service) CheckPassword(ctx context.Context, accountID int, password string) error {
	_, err := s.checkPassword(ctx, accountID, password)
	return err
}

func (s *Service) checkPassword(ctx context.Context, accountID int, password string) (*ent.Account, error) {
	acc, err := s.client.Account.Get(system(ctx), accountID)
	if ent.IsNotFound(err) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("auth: check password: %w", err)
	}
	key, now := normalizeEmail(acc.Email), s.now()
	if ok, wait := s.accounts.take(key, now); !ok {
		return nil, rateLimited("password", wait)
	}
	if !VerifyPassword(acc.PasswordHash, password) {
		return nil, errWrongPassword
	}
	s.accounts.reset(key)
	return acc, nil
}

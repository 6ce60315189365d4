package seed

import (
	"context"
	"fmt"

	"github.com/shyraq/birge/auth"
	"github.com/shyraq/birge/ent"
	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/viewer"
)

// DemoPassword is the password of every demo sign-in. It is printed by
// `make run` and listed in the README: the demo data is fictional and
// meant to be tried.
const DemoPassword = "birge-demo-2026"

// SignIn is one demo sign-in.
type SignIn struct {
	Role  account.Role
	Email string
}

// DemoSignIns are the demo accounts, one or more for each role.
var DemoSignIns = []SignIn{
	{account.RoleADMIN, "admin@birge.example"},
	{account.RoleSTAFF, "trainer@birge.example"},
	{account.RoleMEMBER, "member@birge.example"},
	{account.RoleMEMBER, "peer@birge.example"},
	{account.RolePARTNER, "partner@birge.example"},
}

// DemoAccounts creates the demo sign-ins, bound to the demo people of st:
// the coordinator (admin), a trainer (staff), two alumni (members) and a
// partner contact. Accounts that exist already are left as they are.
func DemoAccounts(ctx context.Context, client *ent.Client, st Stats) error {
	ctx = viewer.SystemContext(ctx)
	if len(st.DemoAlumni) < 2 {
		return fmt.Errorf("seed: demo accounts need two demo alumni, have %d", len(st.DemoAlumni))
	}
	hash, err := auth.HashPassword(DemoPassword)
	if err != nil {
		return fmt.Errorf("seed: hash demo password: %w", err)
	}
	people := map[string]int{
		"admin@birge.example":   st.DemoStaffPerson,
		"trainer@birge.example": st.DemoTrainer,
		"member@birge.example":  st.DemoAlumni[0],
		"peer@birge.example":    st.DemoAlumni[1],
		"partner@birge.example": st.DemoPartnerPerson,
	}
	for _, s := range DemoSignIns {
		exists, err := client.Account.Query().Where(account.Email(s.Email)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("seed: look up %s: %w", s.Email, err)
		}
		if exists {
			continue
		}
		c := client.Account.Create().
			SetEmail(s.Email).
			SetPasswordHash(hash).
			SetRole(s.Role).
			SetLocale(account.LocaleRu).
			SetPersonID(people[s.Email])
		if s.Role == account.RolePARTNER {
			c.SetOrganizationID(st.PartnerOrg)
		}
		if err := c.Exec(ctx); err != nil {
			return fmt.Errorf("seed: create %s: %w", s.Email, err)
		}
	}
	return nil
}

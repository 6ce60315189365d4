package schema

import (
	"github.com/shyraq/birge/access"
	"github.com/shyraq/birge/ent/privacy"
)

// Policies shared by several entities. The rules themselves live in
// package access; these only put them in order.

// publicReadStaffWrite is the policy of the directory's public records
// (organizations, programs, cohorts, tags, fundings): anyone reads them;
// staff write them.
func publicReadStaffWrite() privacy.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{
			access.AllowSystem(),
			access.DenyAnonymousMutation(),
			access.AllowStaff(),
			privacy.AlwaysDenyRule(),
		},
	}
}

// personGroupPolicy is the policy of a record holding one of a person's
// field groups: readers see it where the group's visibility admits them;
// staff and the person write it.
func personGroupPolicy(g access.Group, ownerWrites bool) privacy.Policy {
	mutation := privacy.MutationPolicy{
		access.AllowSystem(),
		access.DenyAnonymousMutation(),
		access.AllowStaff(),
	}
	if ownerWrites {
		mutation = append(mutation, access.AllowOwnRecord())
	}
	return privacy.Policy{
		Query:    privacy.QueryPolicy{access.AllowSystem(), access.FilterByPersonGroup(g)},
		Mutation: append(mutation, privacy.AlwaysDenyRule()),
	}
}

// systemOnly is the policy of the machinery of sign-in (sessions, reset
// tokens): only internal code, which states its decision explicitly with
// privacy.DecisionContext, reads or writes them.
func systemOnly() privacy.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{access.AllowSystem(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{access.AllowSystem(), privacy.AlwaysDenyRule()},
	}
}

package report

import (
	"github.com/shyraq/birge/apierror"
	"github.com/shyraq/birge/viewer"
)

// Kind names a report, for deciding who may read it.
type Kind string

// The reports.
const (
	KindHeadline Kind = "HEADLINE"
	KindReach    Kind = "REACH"
	KindOutcomes Kind = "OUTCOMES"
	KindFunding  Kind = "FUNDING"
)

// Authorize decides who reads which report. Every report is suppressed
// aggregates only, so this is about purpose, not privacy: the headline
// and the reach are public (the impact page); the outcome and funding
// reports are the partners' dashboard, for partners, staff and admins.
// Members, who are the people surveyed, see what the public sees.
func Authorize(v viewer.Viewer, k Kind) error {
	switch k {
	case KindHeadline, KindReach:
		return nil
	case KindOutcomes, KindFunding:
		switch {
		case v.System || v.Is(viewer.RolePartner, viewer.RoleStaff, viewer.RoleAdmin):
			return nil
		case v.Anonymous():
			return apierror.New(apierror.Unauthenticated, "sign in as a partner to see this report")
		}
		return apierror.New(apierror.Forbidden, "this report is for partners and staff")
	}
	return apierror.New(apierror.Forbidden, "no such report")
}

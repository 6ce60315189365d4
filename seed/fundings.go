package seed

import (
	"math/rand/v2"
	"slices"

	"github.com/shyraq/birge/ent/cohort"
)

// planFundings plans the money behind the courses, in tenge: the city's
// yearly grant and a foundation's trainers' fees to the program, and
// foundations and a business paying for single courses.
func (p *plan) planFundings(r *rand.Rand) {
	// Years in which a course ran or is prepared, without 2020's lockdown.
	var years []int
	for _, c := range p.cohorts {
		y := c.start.Year()
		if c.status != cohort.StatusCANCELLED && y <= Today().Year() && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	for _, y := range years {
		p.fundings = append(p.fundings, fundingPlan{
			funder: orgIndex(cityOffice), cohort: -1, year: y,
			amount:  amount(r, 2_800_000+int64(y-2017)*650_000, 300_000),
			purpose: "Venue rent and trainers' fees",
		})
		if y >= 2019 {
			p.fundings = append(p.fundings, fundingPlan{
				funder: orgIndex(partnerName), cohort: -1, year: y,
				amount:  amount(r, 2_500_000+int64(y-2019)*400_000, 250_000),
				purpose: "Trainers' fees",
			})
		}
	}
	p.fundings = append(p.fundings,
		fundingPlan{funder: orgIndex(kokzhiyek), cohort: -1, year: 2022,
			amount: 1_500_000, purpose: "Accessible computer class equipment"},
		fundingPlan{funder: orgIndex(altaiBridges), cohort: -1, year: 2026,
			amount: amount(r, 3_200_000, 200_000), purpose: "Preparing the first course in Ust-Kamenogorsk"},
	)
	for ci, c := range p.cohorts {
		if c.status == cohort.StatusCANCELLED {
			continue
		}
		y := c.start.Year()
		add := func(funder string, base, spread int64, purpose string) {
			p.fundings = append(p.fundings, fundingPlan{
				funder: orgIndex(funder), cohort: ci, year: y, amount: amount(r, base, spread), purpose: purpose,
			})
		}
		switch {
		case c.city == ustKamenogorsk:
			add(altaiBridges, 6_500_000, 500_000, "Venue rent and trainers' travel")
			add(irtyshValley, 1_500_000, 0, "Accessible rooms for participants")
		default:
			if y >= 2018 {
				add(bereke, 1_900_000, 400_000, "Transport for participants")
			}
			if ci%2 == 0 {
				add(steppeLight, 2_200_000, 600_000, "Art therapy materials and musical instruments")
			}
			if y >= 2022 {
				purpose := "Meals for participants"
				if slices.Contains(c.activities, tagIndex(activities, cooking)) {
					purpose = "Meals and cooking class ingredients"
				}
				add(tandyrCatering, 1_750_000, 250_000, purpose)
			}
		}
	}
}

// amount is base plus or minus up to spread, rounded to 10,000 tenge.
func amount(r *rand.Rand, base, spread int64) int64 {
	if spread > 0 {
		base += r.Int64N(2*spread+1) - spread
	}
	return base / 10_000 * 10_000
}

package graph_test

import (
	"testing"
	"time"

	"github.com/shyraq/birge/ent/account"
	"github.com/shyraq/birge/ent/consent"
	"github.com/shyraq/birge/ent/enrollment"
	"github.com/shyraq/birge/ent/outcomesurvey"
)

// TestRecordOutcomeSurveyNeedsConsent: staff cannot record a survey for a
// person who revoked their consent to outcome surveys, and nothing is
// written; with the consent granted again, recording works.
func TestRecordOutcomeSurveyNeedsConsent(t *testing.T) {
	d := ocSeed(t)
	c := d.db.Client
	staff := d.account(t, "s@example.org", account.RoleSTAFF, d.st.DemoTrainer)
	alumna := d.st.DemoAlumni[0]
	e, err := c.Enrollment.Query().Where(enrollment.PersonID(alumna)).Only(d.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.OutcomeSurvey.Delete().Where(outcomesurvey.EnrollmentID(e.ID), outcomesurvey.StageEQ(outcomesurvey.StageMONTH_6)).Exec(d.ctx); err != nil {
		t.Fatal(err)
	}
	revoke := func() {
		if _, err := c.Consent.Update().
			Where(consent.PersonID(alumna), consent.KindEQ(consent.KindOUTCOME_SURVEYS), consent.RevokedAtIsNil()).
			SetRevokedAt(time.Now()).Save(d.ctx); err != nil {
			t.Fatal(err)
		}
	}
	revoke()
	record := `mutation($in: CreateOutcomeSurveyInput!) { recordOutcomeSurvey(input: $in) { id } }`
	in := map[string]any{
		"enrollmentID": gid(e.ID), "stage": "MONTH_6", "independence": 4, "confidence": 4,
		"cooksForSelf": true, "travelsAlone": true, "occupation": "EMPLOYED",
		"communityParticipation": true, "peersMet": 3,
	}
	st := newAPI(t, d.db, staff)
	st.failWith("BAD_USER_INPUT", record, []string{"consent"}, vars("in", in)...)
	n, err := c.OutcomeSurvey.Query().Where(outcomesurvey.EnrollmentID(e.ID), outcomesurvey.StageEQ(outcomesurvey.StageMONTH_6)).Count(d.ctx)
	if err != nil || n != 0 {
		t.Fatalf("surveys after a refused recording = %d (%v), want 0", n, err)
	}
	if err := c.Consent.Create().SetPersonID(alumna).SetKind(consent.KindOUTCOME_SURVEYS).SetGrantedAt(time.Now()).Exec(d.ctx); err != nil {
		t.Fatal(err)
	}
	var out struct{ RecordOutcomeSurvey struct{ ID string } }
	st.do(record, &out, vars("in", in)...)
	if out.RecordOutcomeSurvey.ID == "" {
		t.Fatal("recording with consent returned no survey")
	}
	// Revoked again: the recorded answers cannot be changed either.
	revoke()
	update := `mutation($id: ID!) { updateOutcomeSurvey(id: $id, input: {independence: 1}) { id } }`
	st.failWith("BAD_USER_INPUT", update, []string{"consent"}, vars("id", out.RecordOutcomeSurvey.ID)...)
	s, err := c.OutcomeSurvey.Query().Where(outcomesurvey.EnrollmentID(e.ID), outcomesurvey.StageEQ(outcomesurvey.StageMONTH_6)).Only(d.ctx)
	if err != nil || s.Independence != 4 {
		t.Errorf("survey after a refused update = %+v (%v), want independence 4", s, err)
	}
}

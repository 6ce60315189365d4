import { graphql } from '../../../gql';

export const CellFieldsFragment = graphql(`
  fragment CellFields on Cell {
    value
    n
    suppressed
  }
`);

export const ReportGroupFieldsFragment = graphql(`
  fragment ReportGroupFields on ReportGroup {
    label
    year
    city
    cohortID
  }
`);

export const ReachRowFieldsFragment = graphql(`
  fragment ReachRowFields on ReachRow {
    group {
      ...ReportGroupFields
    }
    coursesRun
    participants {
      ...CellFields
    }
    completed {
      ...CellFields
    }
    completionRate {
      ...CellFields
    }
  }
`);

export const StageFieldsFragment = graphql(`
  fragment StageFields on StageOutcome {
    stage
    due {
      ...CellFields
    }
    responded {
      ...CellFields
    }
    responseRate {
      ...CellFields
    }
    cooksForSelf {
      ...CellFields
    }
    travelsAlone {
      ...CellFields
    }
    communityParticipation {
      ...CellFields
    }
    employedOrStudying {
      ...CellFields
    }
    compared {
      ...CellFields
    }
    independenceImproved {
      ...CellFields
    }
    independenceChange {
      ...CellFields
    }
    confidenceImproved {
      ...CellFields
    }
    confidenceChange {
      ...CellFields
    }
  }
`);

/** Reach and survey outcomes in one grouping: the dashboard's first two sections. */
export const OutcomesDashboardQuery = graphql(`
  query OutcomesDashboard($groupBy: ReportGrouping!) {
    programReach(groupBy: $groupBy) {
      groupBy
      generatedAt
      rows {
        ...ReachRowFields
      }
      total {
        ...ReachRowFields
      }
    }
    outcomes(groupBy: $groupBy) {
      groupBy
      generatedAt
      rows {
        group {
          ...ReportGroupFields
        }
        completed {
          ...CellFields
        }
        stages {
          ...StageFields
        }
      }
      total {
        group {
          ...ReportGroupFields
        }
        completed {
          ...CellFields
        }
        stages {
          ...StageFields
        }
      }
    }
  }
`);

export const FundingReportQuery = graphql(`
  query FundingReport($groupBy: FundingGrouping!) {
    fundingReport(groupBy: $groupBy) {
      groupBy
      generatedAt
      rows {
        label
        funderID
        year
        purpose
        amountKzt
        grants
      }
      totalKzt
      perParticipantKzt {
        ...CellFields
      }
      perCompleterKzt {
        ...CellFields
      }
      costByYear {
        year
        fundingKzt
        participants {
          ...CellFields
        }
        completed {
          ...CellFields
        }
        perParticipantKzt {
          ...CellFields
        }
        perCompleterKzt {
          ...CellFields
        }
      }
    }
  }
`);

// CSV exports: asked for only when the person downloads one (each costs a
// token of the server's budget for expensive operations).
export const ReachCsvQuery = graphql(`
  query ReachCsv($groupBy: ReportGrouping!) {
    programReach(groupBy: $groupBy) {
      groupBy
      csv
    }
  }
`);

export const OutcomesCsvQuery = graphql(`
  query OutcomesCsv($groupBy: ReportGrouping!) {
    outcomes(groupBy: $groupBy) {
      groupBy
      csv
    }
  }
`);

export const FundingCsvQuery = graphql(`
  query FundingCsv($groupBy: FundingGrouping!) {
    fundingReport(groupBy: $groupBy) {
      groupBy
      csv
    }
  }
`);

export const ImpactQuery = graphql(`
  query Impact {
    impactHeadline {
      coursesRun
      cities
      firstYear
      participants {
        ...CellFields
      }
      completed {
        ...CellFields
      }
      followUpStage
      independenceImproved {
        ...CellFields
      }
      confidenceImproved {
        ...CellFields
      }
      fundingKzt
      funders
      generatedAt
    }
    programReach(groupBy: YEAR) {
      groupBy
      rows {
        ...ReachRowFields
      }
    }
  }
`);

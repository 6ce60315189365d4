package main

import "strings"

// The GraphQL documents of the load run.

// directoryQuery is the directory page of the issue: 20 people with their
// interests and their courses, each course with its trainers.
const directoryQuery = `query Directory($first: Int!) {
  people(first: $first, orderBy: [{field: FAMILY_NAME}, {field: GIVEN_NAME}]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id givenName familyName city isTrainer
      interests(first: 6) { edges { node { id labelKk labelRu labelEn } } }
      enrollments(first: 5) { edges { node {
        id status
        cohort {
          id name city startDate
          trainers(first: 3) { edges { node { id givenName familyName } } }
        }
      } } }
    } }
  }
}`

// directoryPageQuery is directoryQuery at a cursor: any page of the
// directory.
var directoryPageQuery = strings.NewReplacer(
	"query Directory($first: Int!) {", "query Directory($first: Int!, $after: Cursor) {",
	"people(first: $first,", "people(first: $first, after: $after,",
).Replace(directoryQuery)

// directoryEdgesQuery is directoryQuery without totalCount and pageInfo:
// entgql counts the people a viewer may see whenever either is asked for
// (ent/contrib#625), so this is the page without that count.
var directoryEdgesQuery = withoutCount(directoryQuery)

// pglDirectoryEdgesQuery is pglDirectoryQuery without totalCount and
// pageInfo.
var pglDirectoryEdgesQuery = withoutCount(pglDirectoryQuery)

func withoutCount(q string) string {
	q = strings.Replace(q, "    totalCount\n", "", 1)
	return strings.Replace(q, "    pageInfo { hasNextPage endCursor }\n", "", 1)
}

// spaDirectoryQuery is the web app's own directory page
// (frontend/src/features/directory/api/documents.ts): people with their
// activities and interests.
const spaDirectoryQuery = `query DirectoryPeople($first: Int) {
  people(first: $first, orderBy: [{ field: FAMILY_NAME }, { field: GIVEN_NAME }]) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ...PersonCard } }
  }
}
fragment PersonCard on Person {
  id givenName familyName city isTrainer
  activities(first: 6) { edges { node { id labelKk labelRu labelEn } } }
  interests(first: 6) { edges { node { id labelKk labelRu labelEn } } }
}`

// profileQuery is the web app's profile page
// (frontend/src/features/people/api/documents.ts).
const profileQuery = `query Person($id: ID!) {
  node(id: $id) {
    __typename
    ... on Person { ...PersonProfile }
  }
}
fragment PersonProfile on Person {
  id givenName familyName city isTrainer
  profile { id bio languages }
  organization { id name }
  contact { id email phone telegram }
  activities(first: 20) { edges { node { id labelKk labelRu labelEn } } }
  interests(first: 20) { edges { node { id labelKk labelRu labelEn } } }
  enrollments(first: 10) { edges { node {
    id status
    cohort {
      id name city startDate endDate
      trainers(first: 8) { edges { node { id givenName familyName } } }
    }
  } } }
  trainedCohorts(first: 20, orderBy: [{ field: START_DATE, direction: DESC }]) {
    totalCount
    edges { node { id name city startDate endDate } }
  }
}`

// searchQuery is a people search: a name and the start of a family name,
// in a city (issue 5's benchmark: a two-word query with a city filter).
const searchQuery = `query Search($query: String!, $filter: PeopleFilter, $first: Int = 20) {
  searchPeople(query: $query, filter: $filter, first: $first) {
    totalCount
    edges { node { id givenName familyName city isTrainer
      interests(first: 6) { edges { node { id labelEn } } } } }
  }
}`

// dashboardQuery is the outcomes dashboard: the headline, reach and
// outcomes by year.
const dashboardQuery = `query Dashboard {
  impactHeadline { coursesRun cities firstYear participants { value n suppressed } completed { value suppressed }
    independenceImproved { value suppressed } confidenceImproved { value suppressed } fundingKzt funders }
  programReach(groupBy: YEAR) { rows { group { label year } coursesRun participants { value suppressed }
    completed { value suppressed } completionRate { value suppressed } } total { coursesRun participants { value } } }
  outcomes(groupBy: YEAR) { rows { group { label year } completed { value suppressed }
    stages { stage due { value suppressed } responded { value suppressed } responseRate { value suppressed }
      cooksForSelf { value suppressed } employedOrStudying { value suppressed }
      independenceImproved { value suppressed } independenceChange { value suppressed } } } }
}`

// pglDirectoryQuery is the directory page asked of PostGraphile, in its
// own schema's shape over the same tables: the join tables are lists of
// their own (personInterestsByPersonId -> interestByInterestId). The
// order adds the primary key, which Birge's cursor pagination adds too.
const pglDirectoryQuery = `query Directory($first: Int!) {
  allPeople(first: $first, orderBy: [FAMILY_NAME_ASC, GIVEN_NAME_ASC, PRIMARY_KEY_ASC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id givenName familyName city isTrainer
      personInterestsByPersonId(first: 6) { nodes { interestByInterestId { id labelKk labelRu labelEn } } }
      enrollmentsByPersonId(first: 5) { nodes {
        id status
        cohortByCohortId {
          id name city startDate
          cohortTrainersByCohortId(first: 3) { nodes { personByPersonId { id givenName familyName } } }
        }
      } }
    }
  }
}`

// listQueries are the list queries whose statements are counted at
// several page sizes ($first): the count must not grow with the page.
var listQueries = []struct {
	name, as, query string
	vars            map[string]any
}{
	{"people: directory page (interests, enrollments -> cohort -> trainers)", memberEmail, directoryQuery, nil},
	{"people: the web app's directory page (activities, interests)", memberEmail, spaDirectoryQuery, nil},
	{"searchPeople (interests)", memberEmail, searchQuery, map[string]any{"query": "Айгерім Ахмет"}},
	{"trainers (trainedCohorts)", memberEmail, `query($first: Int) { trainers(first: $first) { totalCount
		edges { node { id givenName familyName trainedCohorts(first: 5) { edges { node { id name } } } } } } }`, nil},
	{"cohorts (trainers, activities, enrollments -> person)", memberEmail, `query($first: Int) { cohorts(first: $first,
		orderBy: [{field: START_DATE, direction: DESC}]) { totalCount edges { node { id name city startDate
		trainers(first: 3) { edges { node { id givenName } } } activities(first: 4) { edges { node { id labelEn } } }
		enrollments(first: 5) { edges { node { id status person { id givenName } } } } } } } }`, nil},
	{"myConnections (requester, addressee)", memberEmail, `query($first: Int) { myConnections(first: $first) { totalCount
		edges { node { id status requester { id givenName } addressee { id givenName } } } } }`, nil},
}

export { PersonDetails } from './components/PersonDetails';
export { PersonProfileFragment } from './api/documents';

export { PersonCard } from './components/PersonCard';
export { PersonCardFragment } from './api/documents';

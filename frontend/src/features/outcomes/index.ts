// The outcomes pages are loaded lazily (see app/routes.tsx); only this
// small rule is part of the initial bundle.
export { outcomeReaders } from './report';

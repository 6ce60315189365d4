export { Suggestions } from './components/Suggestions';
export { lookingForCodes } from './reasons';

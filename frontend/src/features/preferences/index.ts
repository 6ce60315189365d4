export { DisplayPage } from './components/DisplayPage';
export { LanguageSwitch } from './components/LanguageSwitch';
export { PrefsProvider, usePrefs } from './components/PrefsProvider';

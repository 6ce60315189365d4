import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setupI18n } from '../lib/i18n';
import { resetHeadingFocus } from '../components/ui/routeFocus';

// Tests read English unless they switch.
setupI18n('en');

beforeEach(async () => {
  localStorage.clear();
  const i18n = setupI18n('en');
  if (i18n.language !== 'en') await i18n.changeLanguage('en');
  resetHeadingFocus();
});

afterEach(() => {
  cleanup();
});

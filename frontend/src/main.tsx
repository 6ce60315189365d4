import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setupI18n } from './lib/i18n';
import { applyPrefs, loadPrefs } from './lib/prefs';
import './styles/global.css';

applyPrefs(loadPrefs());
setupI18n();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

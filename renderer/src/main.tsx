import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared styles first: each screen's own CSS, imported by its components, comes after them
// and so may refine them.
import './styles/tokens.css';
import './styles/base.css';
import { App } from './app.js';
import { coffer } from './coffer.js';
import { resolveLocale, setupI18n } from './i18n/setup.js';
import { applyTheme } from './theme.js';

// Preferences first, so the first frame is already in the user's language and theme.
const settings = await coffer.getSettings();
applyTheme(settings.theme);
await setupI18n(resolveLocale(settings.language));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initialSettings={settings} />
  </StrictMode>,
);

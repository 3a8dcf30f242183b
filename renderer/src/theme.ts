import type { Theme } from '../../contract/ipc.js';

const DARK = '(prefers-color-scheme: dark)';

/**
 * Shows `preference` on the page: light or dark as chosen, or following the OS while it changes.
 * Returns the function that stops following.
 */
export function applyTheme(preference: Theme, root: HTMLElement = document.documentElement): () => void {
  const query = window.matchMedia(DARK);
  const show = () => {
    root.dataset.theme = preference === 'system' ? (query.matches ? 'dark' : 'light') : preference;
  };
  show();
  if (preference !== 'system') return () => {};
  query.addEventListener('change', show);
  return () => query.removeEventListener('change', show);
}

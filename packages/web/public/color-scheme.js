// Applies the saved (or the system's) colour scheme before React starts, so a dark-mode user never
// sees a white flash. Mirrors Mantine's localStorageColorSchemeManager key and the 'auto' default.
// A classic script (not a module, not inline) so it runs before first paint under the strict CSP.
(() => {
  try {
    const saved = window.localStorage.getItem('mantine-color-scheme-value');
    const dark = saved === 'dark' || (saved !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
  } catch {
    // No storage (private mode, blocked): Mantine applies the scheme once it starts.
  }
})();

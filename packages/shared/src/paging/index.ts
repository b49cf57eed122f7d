export * from './pages.js';
export * from './rules.js';

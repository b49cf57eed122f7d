export * from './action-items.js';
export * from './blameless.js';
export * from './lifecycle.js';
export * from './postmortems.js';
export * from './templates.js';
export * from './tracker.js';

export * from './dashboard.js';
export * from './figures.js';
export * from './query.js';

export * from './components.js';
export * from './incidents.js';
export * from './internal.js';
export * from './reports.js';
export * from './settings.js';
export * from './subscribers.js';

export * from './incidents.js';
export * from './lifecycle.js';
export * from './roles.js';
export * from './severities.js';

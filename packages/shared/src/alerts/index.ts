export * from './alerts.js';
export * from './change-events.js';
export * from './integrations.js';
export * from './maintenance.js';
export * from './severity.js';

export * from './escalation.js';
export * from './oncall.js';
export * from './schedules.js';

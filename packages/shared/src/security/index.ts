export * from './audit.js';
export * from './providers.js';

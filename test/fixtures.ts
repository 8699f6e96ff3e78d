/** Moved to test/helpers/fixtures.ts (test helpers live in test/helpers/); kept so that existing imports still resolve. */
export * from './helpers/fixtures.js';

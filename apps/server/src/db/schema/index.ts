export * from './directory.js';
export * from './platform.js';

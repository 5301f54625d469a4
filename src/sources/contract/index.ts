export * from './enums.ts';
export * from './kinds.ts';
export * from './types.ts';

/** Lecturer pool and venues: Simplified Chinese, the reference key set. */
export const poolZhCN = {};
export type PoolMessages = typeof poolZhCN;

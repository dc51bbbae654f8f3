/** Classes pages: Simplified Chinese, the reference key set. */
export const classesZhCN = {};
export type ClassesMessages = typeof classesZhCN;

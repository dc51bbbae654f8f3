/** Nominations pages: Simplified Chinese, the reference key set. */
export const nominationsZhCN = {};
export type NominationsMessages = typeof nominationsZhCN;

/** Import pages: Simplified Chinese, the reference key set. */
export const importsZhCN = {
  title: '数据导入',
};
export type ImportsMessages = typeof importsZhCN;

/** Exports: zh-TW. */
export const exportsZhTW = {
  title: '匯出檔案',
};

/** Exports: zh-CN (the reference key set). */
export const exportsZhCN = {
  title: '导出文件',
};

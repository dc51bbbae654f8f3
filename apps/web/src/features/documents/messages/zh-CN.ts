/** Generated documents: zh-CN (the reference key set). */
export const documentsZhCN = {
  title: '材料生成',
};

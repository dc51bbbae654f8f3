/** Generated documents: zh-TW. */
export const documentsZhTW = {
  title: '材料生成',
};

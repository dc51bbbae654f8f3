/** Report builder: zh-CN (the reference key set). */
export const reportBuilderZhCN = {
  title: '报表生成',
};

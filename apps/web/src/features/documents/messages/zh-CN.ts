/** Generated documents: zh-CN (the reference key set). */
export const documentsZhCN = {
  title: '材料生成',
  description: '根据统计数据自动生成年度工作总结和班次新闻简报，可预览并下载可编辑的 Word 或 PDF 文件。',
  kinds: { annual: '年度工作总结', brief: '班次新闻简报' },
  scripts: { 'zh-CN': '简体', 'zh-TW': '繁體' },
  year: '年度',
  yearOption: '{{year}}年',
  organiserAll: '全部主办单位（我的统计范围）',
  classPick: '搜索班次名称或编号',
  pickClass: '请选择一个班次以生成新闻简报',
  download: { docx: '下载 Word', pdf: '下载 PDF' },
  hint: '文中数字均取自统计引擎，与统计看板、报表一致；下载的 Word 文件可继续编辑。',
};

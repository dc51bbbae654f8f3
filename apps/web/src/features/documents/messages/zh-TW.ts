/** Generated documents: zh-TW. */
export const documentsZhTW = {
  title: '材料生成',
  description: '根據統計數據自動生成年度工作總結和班次新聞簡報，可預覽並下載可編輯的 Word 或 PDF 檔案。',
  kinds: { annual: '年度工作總結', brief: '班次新聞簡報' },
  scripts: { 'zh-CN': '简体', 'zh-TW': '繁體' },
  year: '年度',
  yearOption: '{{year}}年',
  organiserAll: '全部主辦單位（我的統計範圍）',
  classPick: '搜尋班次名稱或編號',
  pickClass: '請選擇一個班次以生成新聞簡報',
  download: { docx: '下載 Word', pdf: '下載 PDF' },
  hint: '文中數字均取自統計引擎，與統計看板、報表一致；下載的 Word 檔案可繼續編輯。',
};

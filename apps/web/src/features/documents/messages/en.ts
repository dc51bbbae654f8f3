/** Generated documents: en. */
export const documentsEn = {
  title: 'Generated documents',
  description:
    'An annual work summary or a class news brief written from the statistics, previewed here and downloaded as editable Word or PDF.',
  kinds: { annual: 'Annual work summary', brief: 'Class news brief' },
  scripts: { 'zh-CN': 'Simplified', 'zh-TW': 'Traditional' },
  year: 'Year',
  yearOption: '{{year}}',
  organiserAll: 'All organisers (my scope)',
  classPick: 'Search a class by name or code',
  pickClass: 'Choose a class to write its news brief',
  download: { docx: 'Download Word', pdf: 'Download PDF' },
  hint: 'Every figure comes from the statistics engine, as on the dashboard and in the reports; the Word file stays editable.',
};

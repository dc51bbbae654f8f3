/** Report builder: en. */
export const reportBuilderEn = {
  title: 'Report builder',
};

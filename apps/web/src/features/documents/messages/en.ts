/** Generated documents: en. */
export const documentsEn = {
  title: 'Generated documents',
};

/** Exports: en. */
export const exportsEn = {
  title: 'Exports',
};

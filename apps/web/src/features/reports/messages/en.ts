/** Standard reports: en. */
export const reportsEn = {
  title: 'Standard reports',
};

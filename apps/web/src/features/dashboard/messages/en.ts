/** Dashboard: en. */
export const dashboardEn = {
  title: 'Dashboard',
};

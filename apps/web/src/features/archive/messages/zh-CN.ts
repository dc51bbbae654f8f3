/** Archive: zh-CN, the reference key set. */
export const archiveZhCN = {
  title: '学时档案',
  placeholder: '建设中',
};
export type ArchiveMessages = typeof archiveZhCN;

import type { ArchiveMessages } from './zh-CN';

/** Archive: en. */
export const archiveEn: ArchiveMessages = {
  title: 'Study-hour archive',
  placeholder: 'Being built',
};

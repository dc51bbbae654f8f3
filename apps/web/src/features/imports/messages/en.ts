import type { ImportsMessages } from './zh-CN';

export const importsEn: ImportsMessages = {
  title: 'Imports',
};

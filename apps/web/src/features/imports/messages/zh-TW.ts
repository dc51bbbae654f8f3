import type { ImportsMessages } from './zh-CN';

export const importsZhTW: ImportsMessages = {
  title: '資料匯入',
};

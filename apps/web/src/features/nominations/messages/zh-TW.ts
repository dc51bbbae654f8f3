import type { NominationsMessages } from './zh-CN';

export const nominationsZhTW: NominationsMessages = {};

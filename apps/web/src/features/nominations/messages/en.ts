import type { NominationsMessages } from './zh-CN';

export const nominationsEn: NominationsMessages = {};

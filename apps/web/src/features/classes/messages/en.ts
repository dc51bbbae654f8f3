import type { ClassesMessages } from './zh-CN';

export const classesEn: ClassesMessages = {};

import type { ClassesMessages } from './zh-CN';

export const classesZhTW: ClassesMessages = {};

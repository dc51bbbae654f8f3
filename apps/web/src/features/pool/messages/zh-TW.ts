import type { PoolMessages } from './zh-CN';

export const poolZhTW: PoolMessages = {};

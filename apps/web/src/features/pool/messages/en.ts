import type { PoolMessages } from './zh-CN';

export const poolEn: PoolMessages = {};

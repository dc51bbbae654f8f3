import type { MessageLocale } from '@ganxun/domain';

export type Texts = Record<MessageLocale, string>;

import { z } from 'zod';
import { text } from './common.js';

/** A code list: either configurable (edited by the system admin) or a read-only national standard. */
export const dictionaryView = z.object({
  code: z.string(),
  name: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  standard: z.string().nullable(),
  editable: z.boolean(),
  itemCount: z.number().int(),
});
export type DictionaryView = z.infer<typeof dictionaryView>;

export const dictionaryItemView = z.object({
  code: z.string(),
  label: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type DictionaryItemView = z.infer<typeof dictionaryItemView>;

export const dictionaryCodeParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/) });
export const dictionaryItemParams = dictionaryCodeParams.extend({
  itemCode: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
});

export const dictionaryItemBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'item_code_format' }),
  label: z.strictObject({ 'zh-CN': text(60), 'zh-TW': text(60), en: text(120) }),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
  active: z.boolean().default(true),
});
export type DictionaryItemBody = z.infer<typeof dictionaryItemBody>;
export const dictionaryItemPatch = z.strictObject({
  label: z.strictObject({ 'zh-CN': text(60), 'zh-TW': text(60), en: text(120) }).optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});

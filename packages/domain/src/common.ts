import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A single-line text field: trimmed, bounded, no control characters. */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s) && !/[\r\n]/.test(s), { message: 'control_chars' });
}

/** Multi-line text: newlines allowed, other control characters not. */
export function multilineText(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'control_chars' });
}

export const uuid = z.uuid();
export const idParams = z.strictObject({ id: z.uuid() });

/** Query parameters every list accepts. `sort` is `field` or `-field` (descending). */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z]{1,40}$/)
    .optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

/** The response shape of every list: `{ items, total, page, pageSize }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES);

export const okResponse = z.object({ ok: z.literal(true) });

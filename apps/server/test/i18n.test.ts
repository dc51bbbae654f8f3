import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsFromIssues, localeFromHeader } from '../src/platform/i18n.js';

describe('localeFromHeader', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.2,zh-CN;q=0.9', 'zh-CN'],
    ['de', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(localeFromHeader(header)).toBe(locale);
  });
});

describe('fieldErrorsFromIssues', () => {
  const schema = z.strictObject({
    name: z.string().min(1).max(5),
    age: z.number().int().min(18),
    tags: z.array(z.string()).max(1),
  });
  const issues =
    schema.safeParse({ name: 'toolong', age: 3, tags: ['a', 'b'], extra: 1 }).error?.issues ?? [];

  it('names each field by its path and explains it in Chinese', () => {
    const fields = fieldErrorsFromIssues(issues, 'zh-CN');
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'name', code: 'too_big', message: '不能超过 5 个字符' },
        { path: 'age', code: 'too_small', message: '不能小于 18' },
        { path: 'tags', code: 'too_big', message: '最多 1 项' },
        { path: 'extra', code: 'unknown_field', message: '不允许的字段' },
      ]),
    );
  });

  it('explains the same in English and Traditional Chinese', () => {
    expect(fieldErrorsFromIssues(issues, 'en').find((f) => f.path === 'name')?.message).toBe(
      'must have at most 5 characters',
    );
    expect(fieldErrorsFromIssues(issues, 'zh-TW').find((f) => f.path === 'name')?.message).toBe(
      '不能超過 5 個字元',
    );
  });

  it('reports a missing field as required', () => {
    const missing = schema.safeParse({ age: 20, tags: [] }).error?.issues ?? [];
    expect(fieldErrorsFromIssues(missing, 'zh-CN')).toEqual([
      { path: 'name', code: 'invalid_type', message: '必填' },
    ]);
  });
});

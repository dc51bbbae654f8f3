import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword, isPasswordExpired } from './password.js';

describe('checkPassword', () => {
  it.each([
    ['Tr@ining-2026', []],
    ['short1A', ['too_short']],
    ['alllowercase', ['too_few_classes']],
    ['lower123lower', ['too_few_classes']],
    ['Lower123Lower', []],
    ['zhangsan#2026X', ['contains_username']],
    ['ZhangSan#2026', ['contains_username']],
    ['Abc\u0001def123', ['control_chars']],
  ])('%s → %j', (password, expected) => {
    expect(checkPassword(password, 'zhangsan')).toEqual(expected);
  });

  it('counts characters, not UTF-16 units, and accepts Chinese as "other"', () => {
    expect(checkPassword('干部培训Ab12', 'user')).toEqual([]);
    expect(characterClasses('干部培训')).toBe(1);
  });

  it('follows a stricter policy when configured', () => {
    expect(checkPassword('Abcdef12', 'user', { minLength: 12, minClasses: 4, historyCount: 5 })).toEqual([
      'too_short',
      'too_few_classes',
    ]);
  });

  it('ignores very short usernames when looking for them in the password', () => {
    expect(checkPassword('Xy#abc12345', 'ab')).toEqual([]);
  });
});

describe('isPasswordExpired', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  it('expires after the maximum age', () => {
    expect(isPasswordExpired(new Date('2026-08-24T00:00:00Z'), 90, now)).toBe(true);
    expect(isPasswordExpired(new Date('2026-08-26T00:00:00Z'), 90, now)).toBe(false);
  });
  it('never expires when the maximum age is 0', () => {
    expect(isPasswordExpired(new Date('2000-01-01T00:00:00Z'), 0, now)).toBe(false);
  });
});

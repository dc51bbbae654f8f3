import { describe, expect, it } from 'vitest';
import { diffFields, redact } from './audit.js';

describe('redact', () => {
  it('hides secrets and personal fields at any depth but keeps their names', () => {
    expect(
      redact({
        username: 'li',
        password: 'x',
        nested: { newPassword: 'y', idNumber: '420', mobile: '138', passwordMinLength: 8 },
        list: [{ totpSecret: 's' }],
      }),
    ).toEqual({
      username: 'li',
      password: '[redacted]',
      nested: {
        newPassword: '[redacted]',
        idNumber: '[redacted]',
        mobile: '[redacted]',
        passwordMinLength: 8,
      },
      list: [{ totpSecret: '[redacted]' }],
    });
  });
});

describe('diffFields', () => {
  it('lists only changed fields as [before, after]', () => {
    expect(diffFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: 'z' })).toEqual({
      b: ['x', 'y'],
      c: [null, 'z'],
    });
  });
  it('redacts changed secrets', () => {
    expect(diffFields({ passwordHash: 'old' }, { passwordHash: 'new' })).toEqual({
      passwordHash: '[redacted]',
    });
  });
});

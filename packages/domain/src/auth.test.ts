import { describe, expect, it } from 'vitest';
import { loginBody, sessionRestriction } from './auth.js';

const now = new Date('2026-11-23T00:00:00Z');
const settings = { passwordMaxAgeDays: 90, requireTotpForAdmins: false };
const user = {
  mustChangePassword: false,
  passwordChangedAt: new Date('2026-11-01T00:00:00Z'),
  totpEnabled: false,
  roles: ['auditor' as const],
};

describe('sessionRestriction', () => {
  it('is none for a fresh password', () => {
    expect(sessionRestriction(user, settings, now)).toBeNull();
  });
  it('asks for a password change when forced or expired', () => {
    expect(sessionRestriction({ ...user, mustChangePassword: true }, settings, now)).toBe('password_change');
    expect(
      sessionRestriction({ ...user, passwordChangedAt: new Date('2026-08-01T00:00:00Z') }, settings, now),
    ).toBe('password_change');
  });
  it('asks admins for two-factor set-up only when the setting requires it', () => {
    expect(sessionRestriction(user, { ...settings, requireTotpForAdmins: true }, now)).toBe('totp_setup');
    expect(
      sessionRestriction({ ...user, totpEnabled: true }, { ...settings, requireTotpForAdmins: true }, now),
    ).toBeNull();
    expect(
      sessionRestriction({ ...user, roles: ['trainee'] }, { ...settings, requireTotpForAdmins: true }, now),
    ).toBeNull();
  });
  it('puts the password change before the two-factor set-up', () => {
    expect(
      sessionRestriction(
        { ...user, mustChangePassword: true },
        { ...settings, requireTotpForAdmins: true },
        now,
      ),
    ).toBe('password_change');
  });
});

describe('loginBody', () => {
  it('rejects unknown fields and malformed codes', () => {
    expect(loginBody.safeParse({ username: 'a', password: 'b', extra: 1 }).success).toBe(false);
    expect(loginBody.safeParse({ username: 'a', password: 'b', totpCode: '12345' }).success).toBe(false);
    expect(loginBody.safeParse({ username: 'a', password: 'b', totpCode: '123456' }).success).toBe(true);
  });
  it('rejects control characters in the username (PostgreSQL cannot store NUL)', () => {
    const result = loginBody.safeParse({ username: 'ad\u0000min', password: 'b' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['username']);
  });
});

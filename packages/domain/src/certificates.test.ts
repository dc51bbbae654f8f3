import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CertificateView,
  certificateCheckChar,
  certificateNumber,
  issueBody,
  maskName,
  normalizeCertificateNumber,
  parseCertificateNumber,
  presentPublicVerification,
  publicVerificationView,
  revokeBody,
  validCertificateNumber,
} from './certificates.js';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Every character a number can hold, and so every character a typo can produce. */
const TYPED = `${ALNUM}*-`;

const numbers = fc
  .record({
    prefix: fc
      .tuple(
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.array(fc.constantFrom(...ALNUM), { maxLength: 9 }),
      )
      .map(([first, rest]) => first + rest.join('')),
    year: fc.integer({ min: 2000, max: 2099 }),
    sequence: fc.oneof(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999_999_999 })),
  })
  .map(({ prefix, year, sequence }) => certificateNumber(prefix, year, sequence));

describe('certificate numbers', () => {
  it('formats prefix, year, a six-digit sequence and a check character', () => {
    const n = certificateNumber('GX', 2026, 123);
    expect(n).toMatch(/^GX-2026-000123-[0-9A-Z*]$/);
    expect(parseCertificateNumber(n)).toEqual({
      number: n,
      prefix: 'GX',
      year: 2026,
      sequence: 123,
      check: n.slice(-1),
    });
    expect(certificateNumber('HBDX', 2026, 1_234_567)).toMatch(/^HBDX-2026-1234567-.$/);
  });
  it('computes ISO 7064 MOD 37-2 (the standard example)', () => {
    // ISO/IEC 7064 example: the check character of "G123489654321" is "Y".
    expect(certificateCheckChar('G123489654321')).toBe('Y');
    expect(certificateCheckChar('GX-2026')).toBe(certificateCheckChar('GX2026'));
    expect(certificateCheckChar('gx2026')).toBeNull();
  });
  it('refuses a bad prefix, year or sequence', () => {
    expect(() => certificateNumber('gx', 2026, 1)).toThrow(RangeError);
    expect(() => certificateNumber('1X', 2026, 1)).toThrow(RangeError);
    expect(() => certificateNumber('GX', 26, 1)).toThrow(RangeError);
    expect(() => certificateNumber('GX', 2026, 0)).toThrow(RangeError);
    expect(() => certificateNumber('GX', 2026, 1.5)).toThrow(RangeError);
  });
  it('reads what people type: spaces, lower case, full-width, other dashes', () => {
    const n = certificateNumber('GX', 2026, 123);
    const typed = ` ${n.toLowerCase().replaceAll('-', '－').replace('2026', '２０２６')} `;
    expect(normalizeCertificateNumber(typed)).toBe(n);
    expect(validCertificateNumber(typed)).toBe(true);
    expect(validCertificateNumber(n.replaceAll('-', '—'))).toBe(true);
    expect(validCertificateNumber(n.replaceAll('-', ' - '))).toBe(true);
  });
  it.each([
    ['empty', ''],
    ['no hyphens', 'GX2026000123'],
    ['no check character', 'GX-2026-000123'],
    ['a short sequence', `GX-2026-00123-${certificateCheckChar('GX202600123')}`],
    ['a non-canonical sequence', `GX-2026-0000123-${certificateCheckChar('GX20260000123')}`],
    ['a zero sequence', `GX-2026-000000-${certificateCheckChar('GX2026000000')}`],
    ['a digit first', `1X-2026-000123-${certificateCheckChar('1X2026000123')}`],
  ])('refuses %s', (_, raw) => {
    expect(validCertificateNumber(raw)).toBe(false);
  });
  it('every number made is valid and parses back', () => {
    fc.assert(
      fc.property(numbers, (n) => {
        expect(parseCertificateNumber(n)?.number).toBe(n);
      }),
    );
  });
  it('catches every single-character substitution', () => {
    fc.assert(
      fc.property(numbers, fc.nat(), fc.constantFrom(...TYPED), (n, at, c) => {
        const i = at % n.length;
        fc.pre(n[i] !== c);
        expect(validCertificateNumber(n.slice(0, i) + c + n.slice(i + 1))).toBe(false);
      }),
    );
  });
  it('catches every transposition of adjacent characters', () => {
    fc.assert(
      fc.property(numbers, fc.nat(), (n, at) => {
        const i = at % (n.length - 1);
        fc.pre(n[i] !== n[i + 1]);
        expect(validCertificateNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))).toBe(false);
      }),
    );
  });
  it('exhaustively, on one number: all substitutions and transpositions', () => {
    const n = certificateNumber('GX', 2026, 123);
    for (let i = 0; i < n.length; i++) {
      for (const c of TYPED) {
        if (c !== n[i]) expect(validCertificateNumber(n.slice(0, i) + c + n.slice(i + 1))).toBe(false);
      }
      if (i + 1 < n.length && n[i] !== n[i + 1]) {
        expect(validCertificateNumber(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2))).toBe(false);
      }
    }
  });
});

describe('bodies', () => {
  it('issue: all completed when no enrollments are named', () => {
    expect(issueBody.parse({})).toEqual({});
    expect(issueBody.safeParse({ enrollmentIds: [] }).success).toBe(false);
    expect(issueBody.safeParse({ enrollmentIds: ['7d9f0b2e-8c1a-4c3b-9f2e-1a2b3c4d5e6f'] }).success).toBe(
      true,
    );
  });
  it('revoke: a reason is required', () => {
    expect(revokeBody.safeParse({}).success).toBe(false);
    expect(revokeBody.safeParse({ reason: ' ' }).success).toBe(false);
    expect(revokeBody.parse({ reason: '学时有误' })).toEqual({ reason: '学时有误' });
  });
});

describe('maskName', () => {
  it.each([
    ['刘', '*'],
    ['刘玉', '刘*'],
    ['刘德玉', '刘*玉'],
    ['欧阳娜娜', '欧**娜'],
    ['  刘德玉 ', '刘*玉'],
    ['𠮷野家', '𠮷*家'],
    ['阿依古丽·买买提', '阿***·买**'],
    ['John Smith', 'J*** S****'],
    ['Smith', 'S****'],
    ["O'Brien", 'O******'],
    ['Li', 'L*'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
  it('a Chinese name keeps its length and shows at most its first and last characters', () => {
    const han = fc.constantFrom(...'刘德玉欧阳娜张伟王芳李强𠮷');
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 6 }), (chars) => {
        const masked = Array.from(maskName(chars.join('')));
        expect(masked).toHaveLength(chars.length);
        const shown = masked.filter((c) => c !== '*');
        expect(shown.length).toBeLessThanOrEqual(Math.min(2, chars.length - 1));
        for (const [i, c] of masked.entries()) if (c !== '*') expect(c).toBe(chars[i]);
      }),
    );
  });
});

describe('public verification', () => {
  const cert: CertificateView & { idNumber: string; unitName: string; mobile: string } = {
    id: '7d9f0b2e-8c1a-4c3b-9f2e-1a2b3c4d5e6f',
    number: certificateNumber('GX', 2026, 123),
    status: 'valid',
    personId: '8d9f0b2e-8c1a-4c3b-9f2e-1a2b3c4d5e6f',
    personName: '刘德玉',
    classId: '9d9f0b2e-8c1a-4c3b-9f2e-1a2b3c4d5e6f',
    className: '全省疫情防控专题培训班',
    startDate: '2022-01-13',
    endDate: '2022-01-14',
    hours: 16,
    issuer: '中共湖北省委党校',
    issuedAt: '2022-01-14T17:00:00+08:00',
    revokedAt: null,
    revokedReason: null,
    replacedBy: null,
    idNumber: '420102199001011234',
    unitName: '武汉市卫健委',
    mobile: '13800138000',
  };
  it('shows only the number, status, masked name, class, dates, hours and issuer', () => {
    const view = presentPublicVerification(cert);
    expect(view).toEqual({
      number: cert.number,
      status: 'valid',
      maskedName: '刘*玉',
      className: '全省疫情防控专题培训班',
      startDate: '2022-01-13',
      endDate: '2022-01-14',
      hours: 16,
      issuer: '中共湖北省委党校',
    });
    const json = JSON.stringify(view);
    for (const secret of ['420102', '13800138000', '武汉市卫健委', '刘德玉', cert.personId]) {
      expect(json).not.toContain(secret);
    }
    expect(publicVerificationView.safeParse({ ...view, idNumber: 'x' }).success).toBe(false);
  });
});

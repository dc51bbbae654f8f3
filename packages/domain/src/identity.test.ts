import { describe, expect, it } from 'vitest';
import {
  idCheckChar,
  isValidUscc,
  maskIdNumber,
  maskPhone,
  normalizeMobile,
  parseIdNumber,
} from './identity.js';

/** Builds a valid ID number from its first 17 characters. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('parseIdNumber (GB 11643)', () => {
  it('accepts the standard example and reads region, birth date and gender', () => {
    // The worked example of GB 11643-1999.
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      info: { regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('reads odd sequence digits as male', () => {
    const id = withCheck('42280119800101001');
    const parsed = parseIdNumber(id);
    expect(parsed.ok && parsed.info.gender).toBe('male');
  });

  it.each([
    ['11010519491231002', 'id_format'],
    ['1101051949123100AX', 'id_format'],
    ['110105194912310021', 'id_check_digit'],
    [withCheck('11010519490230002'), 'id_birth_date'],
    [withCheck('11010518990101002'), 'id_birth_date'],
    [withCheck('11010521000101002'), 'id_birth_date'],
  ])('%s → %s', (input, problem) => {
    expect(parseIdNumber(input, new Date('2026-11-23'))).toEqual({ ok: false, problem });
  });

  it('tolerates spaces, full-width digits and a lower-case x', () => {
    const parsed = parseIdNumber(' １１０１０５１９４９１２３１００２ｘ ');
    expect(parsed.ok && parsed.value).toBe('11010519491231002X');
  });
});

describe('isValidUscc (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91350100M000100Y42', false],
    ['91350100M000100Y4', false],
    ['91350100I000100Y43', false],
  ])('%s → %s', (code, valid) => {
    expect(isValidUscc(code)).toBe(valid);
  });
});

describe('masking', () => {
  it('keeps only the first three and last four characters', () => {
    expect(maskIdNumber('42280119800101001X')).toBe('422***********001X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('normalizeMobile', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['12812345678', null],
    ['1381234567', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });
});

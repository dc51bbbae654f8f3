import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idCheckChar } from './identity.js';
import {
  checkPerson,
  createAccountsBody,
  createPersonBody,
  personListQuery,
  revealBody,
  updatePersonBody,
} from './people.js';

const withCheck = (first17: string) => first17 + idCheckChar(first17);
/** Male, born 1985-06-15 in Enshi city. */
const ID = withCheck('42280119850615001');
const UNIT = '0b7c4a52-6f1e-4c55-9d1a-3f0f6d8e2b11';

const valid = {
  name: '张三',
  gender: 'male',
  ethnicity: '01',
  birthDate: '1985-06-15',
  idNumber: ID,
  unitId: UNIT,
  category: 'cadre',
};

/** The (path, message key) pairs a failed parse reports. */
function problems(result: { success: boolean; error?: z.ZodError }) {
  return (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);
}

describe('createPersonBody', () => {
  it('accepts a minimal person and fills the defaults', () => {
    expect(createPersonBody.parse(valid)).toMatchObject({
      mobile: null,
      politicalStatus: null,
      specialty: null,
      status: 'serving',
      requirementOverride: null,
    });
  });

  it('normalises a full-width ID number with a lower-case x', () => {
    const id = withCheck('11010519491231002'); // check character X
    const fullWidth = id.slice(0, 17).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const parsed = createPersonBody.parse({
      ...valid,
      idNumber: `${fullWidth}x`,
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(parsed.idNumber).toBe(id);
  });

  it.each([
    [
      'invalid check digit',
      { idNumber: `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}` },
      'idNumber',
      'id_check_digit',
    ],
    ['17 characters', { idNumber: ID.slice(0, 17) }, 'idNumber', 'id_format'],
    ['birth date not in the ID number', { birthDate: '1985-06-16' }, 'birthDate', 'birth_date_mismatch'],
    ['gender not in the ID number', { gender: 'female' }, 'gender', 'gender_mismatch'],
    ['impossible date', { birthDate: '2024-02-30' }, 'birthDate', 'date_invalid'],
    ['date in another format', { birthDate: '1985/06/15' }, 'birthDate', 'date_format'],
    ['landline as mobile', { mobile: '027-87654321' }, 'mobile', 'mobile_format'],
    ['professional without specialty', { category: 'professional' }, 'specialty', 'specialty_required'],
    ['specialty for a cadre', { specialty: 'medical' }, 'specialty', 'specialty_not_allowed'],
    ['code with punctuation', { ethnicity: '01;' }, 'ethnicity', 'item_code_format'],
  ])('%s → %s: %s', (_label, patch, path, key) => {
    expect(problems(createPersonBody.safeParse({ ...valid, ...patch }))).toContainEqual([path, key]);
  });

  it('accepts a mobile number written with +86 and spaces', () => {
    expect(createPersonBody.safeParse({ ...valid, mobile: '+86 138 0013 8000' }).success).toBe(true);
  });

  it('rejects unknown fields', () => {
    expect(createPersonBody.safeParse({ ...valid, salary: 1 }).success).toBe(false);
  });
});

describe('updatePersonBody', () => {
  it('accepts a partial patch without the ID number', () => {
    expect(updatePersonBody.parse({ post: '科员' })).toEqual({ post: '科员' });
  });

  it('checks what the patch itself contains: birth date against a new ID number', () => {
    expect(problems(updatePersonBody.safeParse({ idNumber: ID, birthDate: '1990-01-01' }))).toEqual([
      ['birthDate', 'birth_date_mismatch'],
    ]);
  });
});

describe('checkPerson on a merged record (what PATCH re-runs)', () => {
  const run = (value: Parameters<typeof checkPerson>[0]) =>
    problems(
      z
        .any()
        .superRefine((v, ctx) => checkPerson(v, ctx))
        .safeParse(value),
    );

  it.each([
    [{ idNumber: ID, birthDate: '1985-06-15', gender: 'male' }, []],
    [{ idNumber: ID, birthDate: '1985-06-15', gender: 'female' }, [['gender', 'gender_mismatch']]],
    [
      { idNumber: ID, birthDate: '1984-06-15', gender: 'female' },
      [
        ['birthDate', 'birth_date_mismatch'],
        ['gender', 'gender_mismatch'],
      ],
    ],
    [{ category: 'professional', specialty: 'education' }, []],
    [{ category: 'other', specialty: null }, []],
  ])('%o → %o', (value, expected) => {
    expect(run(value as Parameters<typeof checkPerson>[0])).toEqual(expected);
  });

  it('refuses an ID number whose birth date is in the future', () => {
    expect(run({ idNumber: withCheck('42280120300101001') })).toEqual([['idNumber', 'id_birth_date']]);
  });
});

describe('personListQuery', () => {
  it('defaults page and size and leaves the sort to the server', () => {
    expect(personListQuery.parse({})).toMatchObject({ page: 1, pageSize: 20 });
  });

  it.each(['name', '-birthDate', 'updatedAt', '-namePinyin'])('accepts sort=%s', (sort) => {
    expect(personListQuery.safeParse({ sort }).success).toBe(true);
  });

  it.each([
    [{ sort: 'idNumber' }, 'sort'],
    [{ regionCode: '4228' }, 'regionCode'],
    [{ unitId: 'unit-1' }, 'unitId'],
    [{ category: 'soldier' }, 'category'],
    [{ q: 'x'.repeat(65) }, 'q'],
  ])('rejects %o on %s', (query, path) => {
    expect(problems(personListQuery.safeParse(query)).map(([p]) => p)).toContain(path);
  });
});

describe('revealBody and createAccountsBody', () => {
  it.each([
    [{ reason: '核对' }, true],
    [{ reason: '查' }, false],
    [{ reason: '   ' }, false],
    [{ reason: 'x'.repeat(201) }, false],
    [{}, false],
  ])('reveal %o → %s', (body, ok) => {
    expect(revealBody.safeParse(body).success).toBe(ok);
  });

  it.each([
    [{ personIds: [UNIT], role: 'trainee' }, true],
    [{ personIds: [UNIT], role: 'unit_liaison' }, true],
    [{ personIds: [UNIT], role: 'org_admin' }, false],
    [{ personIds: [], role: 'trainee' }, false],
    [{ personIds: Array.from({ length: 501 }, () => UNIT), role: 'trainee' }, false],
  ])('accounts %#', (body, ok) => {
    expect(createAccountsBody.safeParse(body).success).toBe(ok);
  });
});

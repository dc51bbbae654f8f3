import { idCheckChar } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema/index.js';
import {
  personInput as factoryInput,
  makeIdNumber,
  makePerson,
  makeUnit,
  type PersonOverrides,
} from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
/** Org admin of Hubei (420000): reaches every unit this file makes. */
let admin: Client;
let unit: { id: string; name: string };

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '420000' }] }),
  );
  unit = await makeUnit(t.database, { name: '恩施市卫生健康局' });
});
afterAll(async () => t.close());

/**
 * A birth date somewhere in 1960–1997: makeIdNumber varies only two sequence digits per birth date,
 * so people of one birth date soon share an ID number.
 */
function someBirthDate(): string {
  return new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 13_500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
const personInput = (unitId: string, o: Parameters<typeof factoryInput>[1] = {}) =>
  factoryInput(unitId, { birthDate: someBirthDate(), ...o });
const newPerson = (unitId: string, o: PersonOverrides = {}) =>
  makePerson(t.services, t.database, unitId, { birthDate: someBirthDate(), ...o });

/** An ID number with a wrong check character. */
function withWrongCheckDigit(id: string): string {
  const wrong = id[17] === '1' ? '2' : '1';
  return `${id.slice(0, 17)}${idCheckChar(id.slice(0, 17)) === wrong ? '3' : wrong}`;
}

describe('creating a person', () => {
  it('creates a person (201), shown masked, and audits it without personal information in clear', async () => {
    const input = personInput(unit.id, { name: '李明', mobile: '13800138000', rank: '0142' });
    const res = await admin.post('/api/v1/people', input);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: '李明',
      unitId: unit.id,
      unitName: '恩施市卫生健康局',
      regionCode: '422801',
      idNumber: `${input.idNumber.slice(0, 3)}***********${input.idNumber.slice(-4)}`,
      mobile: '138****8000',
      requirement: { period: 'yearly', hours: 90, source: 'default' },
      hasAccount: false,
      username: null,
      requirementOverride: null,
      unitAncestors: [{ id: unit.id, name: '恩施市卫生健康局' }],
    });
    expect(res.body).not.toContain(input.idNumber);
    expect(res.body).not.toContain('13800138000');

    const events = await auditOf(t, res);
    expect(events).toEqual([
      expect.objectContaining({ action: 'person.create', entityId: body.id, outcome: 'success' }),
    ]);
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(input.idNumber);
    expect(trail).not.toContain('13800138000');
    expect(events[0]?.changes).toMatchObject({ idNumberMasked: body.idNumber, mobileMasked: '138****8000' });
  });

  it('derives the five-year requirement from a county-level rank, and keeps an override', async () => {
    const leading = await admin.post('/api/v1/people', personInput(unit.id, { rank: '0131' }));
    expect(leading.json().requirement).toEqual({ period: 'five_year', hours: 550, source: 'default' });
    const override = { period: 'yearly', hours: 120 } as const;
    const res = await admin.post('/api/v1/people', personInput(unit.id, { requirementOverride: override }));
    expect(res.json()).toMatchObject({
      requirement: { ...override, source: 'override' },
      requirementOverride: override,
    });
  });

  const birth = '1985-06-15';
  const BAD: { label: string; patch: Record<string, unknown>; path: string; code: string }[] = [
    {
      label: 'invalid ID check digit',
      patch: { idNumber: withWrongCheckDigit(makeIdNumber(birth)) },
      path: 'idNumber',
      code: 'id_check_digit',
    },
    {
      label: 'birth date mismatch',
      patch: { birthDate: '1985-06-16' },
      path: 'birthDate',
      code: 'birth_date_mismatch',
    },
    { label: 'gender mismatch', patch: { gender: 'female' }, path: 'gender', code: 'gender_mismatch' },
    { label: 'unknown ethnicity code', patch: { ethnicity: '99' }, path: 'ethnicity', code: 'unknown_code' },
    {
      label: 'unknown political status',
      patch: { politicalStatus: '77' },
      path: 'politicalStatus',
      code: 'unknown_code',
    },
    {
      label: 'unknown education',
      patch: { education: 'kindergarten' },
      path: 'education',
      code: 'unknown_code',
    },
    { label: 'unknown rank', patch: { rank: '0199' }, path: 'rank', code: 'unknown_code' },
    {
      label: 'specialty without professional',
      patch: { category: 'cadre', specialty: 'medical' },
      path: 'specialty',
      code: 'specialty_not_allowed',
    },
    {
      label: 'professional without specialty',
      patch: { category: 'professional', specialty: null },
      path: 'specialty',
      code: 'specialty_required',
    },
    { label: 'mobile format', patch: { mobile: '1380013800' }, path: 'mobile', code: 'mobile_format' },
    { label: 'impossible date', patch: { birthDate: '2024-02-30' }, path: 'birthDate', code: 'date_invalid' },
    { label: 'unknown unit', patch: { unitId: crypto.randomUUID() }, path: 'unitId', code: 'unit_unknown' },
  ];

  it.each(BAD)('refuses $label: 400 on $path ($code)', async ({ patch, path, code }) => {
    const input = { ...personInput(unit.id, { birthDate: birth, gender: 'male' }), ...patch };
    const res = await admin.post('/api/v1/people', input);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
    const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
    expect(field.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the unknown code in the message, in the caller language', async () => {
    admin.locale = 'en';
    try {
      const res = await admin.post('/api/v1/people', personInput(unit.id, { ethnicity: '99' }));
      expect(res.json().error.fields).toEqual([
        { path: 'ethnicity', code: 'unknown_code', message: 'is not in the code list: 99' },
      ]);
    } finally {
      admin.locale = 'zh-CN';
    }
  });

  it('refuses a merged unit', async () => {
    const target = await makeUnit(t.database);
    const merged = await makeUnit(t.database);
    await t.database.db
      .update(units)
      .set({ status: 'merged', mergedInto: target.id })
      .where(eq(units.id, merged.id));
    const res = await admin.post('/api/v1/people', personInput(merged.id));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'unitId', code: 'unit_not_active' }),
    ]);
  });

  it('refuses a second person with the same ID number (409 on idNumber)', async () => {
    const first = personInput(unit.id);
    expect((await admin.post('/api/v1/people', first)).statusCode).toBe(201);
    const res = await admin.post('/api/v1/people', {
      ...first,
      name: '另一人',
      idNumber: first.idNumber.toLowerCase(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'idNumber', code: 'id_number_taken' }],
    });
  });

  it('gives two simultaneous creates of one ID number one 201 and one 409, never a 500', async () => {
    const input = personInput(unit.id);
    const { idNumber } = input;
    const results = await Promise.all(
      ['甲', '乙'].map((name) => admin.post('/api/v1/people', { ...input, name })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = await admin.get(`/api/v1/people?q=${idNumber}`);
    expect(list.json().total).toBe(1);
  });
});

describe('updating a person', () => {
  it('merges the patch with the stored record and re-checks birth date, gender and ID number together', async () => {
    const person = await newPerson(unit.id, {
      birthDate: '1990-03-08',
      gender: 'female',
    });
    const lone = await admin.patch(`/api/v1/people/${person.id}`, { birthDate: '1990-03-09' });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().error.fields).toEqual([
      expect.objectContaining({ path: 'birthDate', code: 'birth_date_mismatch' }),
    ]);

    const idNumber = makeIdNumber('1990-03-09', 'female');
    const together = await admin.patch(`/api/v1/people/${person.id}`, { birthDate: '1990-03-09', idNumber });
    expect(together.statusCode, together.body).toBe(200);
    expect(together.json()).toMatchObject({
      birthDate: '1990-03-09',
      idNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`,
    });

    const events = await auditOf(t, together);
    expect(events).toEqual([expect.objectContaining({ action: 'person.update', entityId: person.id })]);
    expect(events[0]?.changes).toEqual({
      birthDate: ['1990-03-08', '1990-03-09'],
      idNumberMasked: [person.idNumberMasked, together.json().idNumber],
    });
    expect(JSON.stringify(events)).not.toContain(idNumber);
  });

  it('records a mobile change masked', async () => {
    const person = await newPerson(unit.id, { mobile: '13900001111' });
    const res = await admin.patch(`/api/v1/people/${person.id}`, { mobile: '13722223333', post: '副主任' });
    expect(res.statusCode).toBe(200);
    const [event] = await auditOf(t, res);
    expect(event?.changes).toEqual({ mobileMasked: ['139****1111', '137****3333'], post: [null, '副主任'] });
  });

  it('checks only the codes that change: a patch is refused for a new unknown code', async () => {
    const person = await newPerson(unit.id);
    const res = await admin.patch(`/api/v1/people/${person.id}`, { rank: 'X1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'rank', code: 'unknown_code' }),
    ]);
  });

  it('refuses an ID number already registered for someone else (409)', async () => {
    const a = await newPerson(unit.id);
    const b = await newPerson(unit.id, { birthDate: a.birthDate, gender: a.gender });
    const res = await admin.patch(`/api/v1/people/${b.id}`, {
      idNumber: t.services.cipher.decrypt(a.idNumberEnc),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'idNumber', code: 'id_number_taken' }),
    ]);
  });

  it('answers 404 for a person that does not exist', async () => {
    expect((await admin.patch(`/api/v1/people/${crypto.randomUUID()}`, { post: 'x' })).statusCode).toBe(404);
  });
});

describe('searching', () => {
  let searchUnit: { id: string };
  let zhangsan: { id: string; idNumberEnc: string };
  beforeAll(async () => {
    searchUnit = await makeUnit(t.database);
    zhangsan = await newPerson(searchUnit.id, { name: '张三' });
    for (const name of ['李四', '王五', '张小_明', '赵%六']) await newPerson(searchUnit.id, { name });
  });
  const names = async (q: string) => {
    const res = await admin.get(`/api/v1/people?unitId=${searchUnit.id}&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json()
      .items.map((p: { name: string }) => p.name)
      .sort();
  };

  it.each([
    ['zhangsan', ['张三']],
    ['ZhangSan', ['张三']],
    ['zhang san', ['张三']],
    ['zs', ['张三']],
    ['zh', ['张三', '张小_明', '赵%六']],
    ['张', ['张三', '张小_明']],
    ['三', ['张三']],
    ['_', ['张小_明']],
    ['%', ['赵%六']],
    ['wl', []],
  ])('q=%s finds %o', async (q, expected) => {
    expect(await names(q)).toEqual(expected);
  });

  it('finds a person by their whole ID number (exact, through its hash), lower-case x too', async () => {
    const idNumber = t.services.cipher.decrypt(zhangsan.idNumberEnc);
    expect(await names(idNumber)).toEqual(['张三']);
    expect(await names(idNumber.toLowerCase())).toEqual(['张三']);
    expect(await names(idNumber.slice(0, 10))).toEqual([]);
  });

  it('sorts by pinyin by default and by the other keys on request, and paginates', async () => {
    const page = async (query: string) =>
      (await admin.get(`/api/v1/people?unitId=${searchUnit.id}&${query}`)).json();
    expect((await page('')).items.map((p: { name: string }) => p.name)).toEqual([
      '李四',
      '王五',
      '张三',
      '张小_明',
      '赵%六',
    ]);
    const second = await page('sort=-namePinyin&page=2&pageSize=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((p: { name: string }) => p.name)).toEqual(['张三', '王五']);
    for (const sort of ['name', '-birthDate', 'updatedAt'])
      expect((await page(`sort=${sort}`)).total).toBe(5);
    expect((await admin.get('/api/v1/people?sort=idNumber')).statusCode).toBe(400);
  });
});

describe('filters', () => {
  it('treats unitId as the unit with everything under it', async () => {
    const root = await makeUnit(t.database, { name: '根单位' });
    const child = await makeUnit(t.database, { parentId: root.id });
    const grandchild = await makeUnit(t.database, { parentId: child.id });
    for (const u of [root, child, grandchild]) await newPerson(u.id);
    const total = async (id: string) => (await admin.get(`/api/v1/people?unitId=${id}`)).json().total;
    expect(await total(root.id)).toBe(3);
    expect(await total(child.id)).toBe(2);
    expect(await total(grandchild.id)).toBe(1);
    expect(await total(crypto.randomUUID())).toBe(0);

    const [person] = (await admin.get(`/api/v1/people?unitId=${grandchild.id}`)).json().items;
    const detail = await admin.get(`/api/v1/people/${person.id}`);
    expect(detail.json().unitAncestors.map((u: { id: string }) => u.id)).toEqual([
      root.id,
      child.id,
      grandchild.id,
    ]);
  });

  it('treats regionCode as the region with everything under it', async () => {
    const a = await makeUnit(t.database, { regionCode: '421102' });
    const b = await makeUnit(t.database, { regionCode: '421181' });
    const c = await makeUnit(t.database, { regionCode: '421002' });
    for (const u of [a, b, c]) await newPerson(u.id);
    const total = async (code: string) => (await admin.get(`/api/v1/people?regionCode=${code}`)).json().total;
    expect(await total('421100')).toBe(2);
    expect(await total('421181')).toBe(1);
    expect(await total('421000')).toBe(1);
  });

  it('filters by category, specialty, rank, status and gender', async () => {
    const u = await makeUnit(t.database);
    await newPerson(u.id, {
      category: 'professional',
      specialty: 'medical',
      gender: 'female',
    });
    await newPerson(u.id, {
      category: 'professional',
      specialty: 'education',
      rank: '0150',
    });
    await newPerson(u.id, { category: 'cadre', rank: '0150', status: 'retired' });
    const total = async (query: string) =>
      (await admin.get(`/api/v1/people?unitId=${u.id}&${query}`)).json().total;
    expect(await total('category=professional')).toBe(2);
    expect(await total('specialty=medical')).toBe(1);
    expect(await total('rank=0150')).toBe(2);
    expect(await total('status=retired')).toBe(1);
    expect(await total('gender=female')).toBe(1);
    expect(await total('category=professional&rank=0150')).toBe(1);
  });
});

describe('masking and reveal', () => {
  it('masks ID and mobile numbers in the list and on the page, for the org admin too', async () => {
    const u = await makeUnit(t.database);
    const person = await newPerson(u.id, { mobile: '15912345678' });
    const idNumber = t.services.cipher.decrypt(person.idNumberEnc);
    const list = await admin.get(`/api/v1/people?unitId=${u.id}`);
    const page = await admin.get(`/api/v1/people/${person.id}`);
    for (const res of [list, page]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(idNumber);
      expect(res.body).not.toContain('15912345678');
      expect(res.body).not.toMatch(/v1\.[\w-]+\.[\w-]+\./); // no ciphertext either
    }
    expect(list.json().items[0]).toMatchObject({ idNumber: person.idNumberMasked, mobile: '159****5678' });
    expect(page.json()).toMatchObject({ idNumber: person.idNumberMasked, mobile: '159****5678' });
  });

  it('reveals the clear values to the org admin and audits the reveal with its reason', async () => {
    const person = await newPerson(unit.id, { mobile: '18612345678' });
    const idNumber = t.services.cipher.decrypt(person.idNumberEnc);
    const res = await admin.post(`/api/v1/people/${person.id}/reveal`, { reason: '核对培训报名信息' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber, mobile: '18612345678' });
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'person.reveal',
        entityType: 'person',
        entityId: person.id,
        outcome: 'success',
        detail: { reason: '核对培训报名信息', fields: ['idNumber', 'mobile'] },
      }),
    ]);
  });

  it.each([
    [{}, 'reason'],
    [{ reason: ' ' }, 'reason'],
    [{ reason: 'x'.repeat(201) }, 'reason'],
  ])('refuses a reveal without a proper reason (%o)', async (body, path) => {
    const person = await newPerson(unit.id);
    const res = await admin.post(`/api/v1/people/${person.id}/reveal`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path })]);
    expect(await auditOf(t, res)).toEqual([]);
  });
});

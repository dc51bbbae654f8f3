import { describe, expect, it } from 'vitest';
import { createLecturerBody, updateLecturerBody } from './lecturers.js';
import { createVenueBody, updateVenueBody } from './venues.js';

const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('lecturer contract', () => {
  it('accepts an external expert with defaults and a mainland mobile number', () => {
    const v = createLecturerBody.parse({ kind: 'external', name: '张文宏', mobile: '+86 138-0013-8000' });
    expect(v).toMatchObject({ affiliation: null, expertise: [], status: 'active', personId: null });
  });
  it('refuses a bad mobile number on its field, and a blank one means none', () => {
    expect(issues(createLecturerBody.safeParse({ kind: 'internal', name: '李', mobile: '12345' }))).toEqual([
      ['mobile', 'mobile_format'],
    ]);
    expect(createLecturerBody.parse({ kind: 'internal', name: '李', mobile: ' ' }).mobile).toBeNull();
  });
  it('a PATCH changes only what it sends', () => {
    expect(updateLecturerBody.parse({ title: '教授' })).toEqual({ title: '教授' });
  });
});

describe('venue contract', () => {
  const owner = crypto.randomUUID();
  it('a field-teaching site needs its city', () => {
    expect(
      issues(
        createVenueBody.safeParse({ kind: 'field_site', name: '红安县革命烈士陵园', ownerUnitId: owner }),
      ),
    ).toEqual([['cityCode', 'city_required']]);
    expect(
      createVenueBody.safeParse({ kind: 'field_site', name: '红安', ownerUnitId: owner, cityCode: '421122' })
        .success,
    ).toBe(true);
  });
  it('online rooms take http(s) links only; classrooms a positive capacity', () => {
    expect(
      createVenueBody.safeParse({
        kind: 'online_room',
        name: '直播间',
        ownerUnitId: owner,
        liveUrl: 'javascript:alert(1)',
      }).success,
    ).toBe(false);
    expect(
      createVenueBody.safeParse({
        kind: 'online_room',
        name: '直播间',
        ownerUnitId: owner,
        liveUrl: 'https://live.example.cn/r/1',
      }).success,
    ).toBe(true);
    expect(
      createVenueBody.safeParse({ kind: 'classroom', name: '201', ownerUnitId: owner, capacity: 0 }).success,
    ).toBe(false);
  });
  it('a PATCH changes only what it sends', () => {
    expect(updateVenueBody.parse({ capacity: 120 })).toEqual({ capacity: 120 });
  });
});

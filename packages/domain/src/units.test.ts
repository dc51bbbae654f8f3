import { describe, expect, it } from 'vitest';
import { createUnitBody, mergeUnitBody, moveUnitBody, normalizeUscc, updateUnitBody } from './units.js';

/** A real-format USCC with a correct check character (GB 32100 worked example style). */
const USCC = '91350100M000100Y43';

const base = { name: '恩施市卫生健康局', type: 'party_government', regionCode: '422801' };

describe('createUnitBody', () => {
  it('fills defaults and normalises the credit code', () => {
    expect(createUnitBody.parse({ ...base, uscc: ` ${USCC.toLowerCase()} ` })).toEqual({
      ...base,
      uscc: USCC,
      parentId: null,
      sortOrder: 0,
    });
  });

  it('treats a blank credit code as none', () => {
    expect(createUnitBody.parse({ ...base, uscc: '  ' }).uscc).toBeNull();
  });

  it.each([
    [{ uscc: '91350100M000100Y44' }, 'uscc', 'uscc_invalid'],
    [{ uscc: '9135' }, 'uscc', 'uscc_invalid'],
    [{ regionCode: '4228' }, 'regionCode', 'region_code_format'],
    [{ name: '' }, 'name', 'too_small'],
    [{ type: 'bank' }, 'type', 'invalid_value'],
    [{ parentId: 'nope' }, 'parentId', 'invalid_format'],
  ])('refuses %j on %s', (patch, path, code) => {
    const result = createUnitBody.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === path);
    expect(issue).toBeDefined();
    const key = issue?.code === 'custom' ? issue.message : issue?.code;
    expect(key === code || issue?.message === code).toBe(true);
  });

  it('refuses unknown fields', () => {
    expect(createUnitBody.safeParse({ ...base, path: '/x/' }).success).toBe(false);
  });
});

describe('update, move and merge bodies', () => {
  it('accepts any subset of the editable fields, not the parent', () => {
    expect(updateUnitBody.parse({ name: '新名' })).toEqual({ name: '新名' });
    expect(updateUnitBody.safeParse({ parentId: null }).success).toBe(false);
  });

  it('moves to a parent or to the top level', () => {
    expect(moveUnitBody.parse({ parentId: null })).toEqual({ parentId: null });
    expect(moveUnitBody.safeParse({}).success).toBe(false);
  });

  it('needs a merge target', () => {
    expect(mergeUnitBody.safeParse({ targetId: 'x' }).success).toBe(false);
  });

  it('normalises credit codes typed with spaces', () => {
    expect(normalizeUscc('9135 0100 m000 100y43')).toBe(USCC);
  });
});

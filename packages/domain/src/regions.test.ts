import { describe, expect, it } from 'vitest';
import {
  isAbolished,
  isInRegion,
  levelOfCode,
  parentCandidates,
  regionListQuery,
  regionPrefix,
} from './regions.js';

describe('region codes (GB/T 2260)', () => {
  it.each([
    ['420000', 'province', '42', []],
    ['422800', 'prefecture', '4228', ['420000']],
    ['429000', 'prefecture', '4290', ['420000']],
    ['422801', 'county', '422801', ['422800', '420000']],
    ['110101', 'county', '110101', ['110100', '110000']],
  ])('%s is a %s with prefix %s under %j', (code, level, prefix, parents) => {
    expect(levelOfCode(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
    expect(parentCandidates(code)).toEqual(parents);
  });

  it.each([
    ['422801', '420000', true],
    ['422801', '422800', true],
    ['422801', '422801', true],
    ['420101', '422800', false],
    ['330104', '420000', false],
  ])('isInRegion(%s, %s) is %s', (code, ancestor, expected) => {
    expect(isInRegion(code, ancestor)).toBe(expected);
  });

  it.each([
    [null, '2024-01-01', false],
    ['2021-04-09', '2021-04-08', false],
    ['2021-04-09', '2021-04-09', true],
    ['2021-04-09', '2024-01-01', true],
  ])('validTo %s is abolished on %s: %s', (validTo, today, expected) => {
    expect(isAbolished(validTo, today)).toBe(expected);
  });
});

describe('regionListQuery', () => {
  it('reads the includeAbolished flag and defaults the page', () => {
    expect(regionListQuery.parse({ includeAbolished: 'true', parentCode: '420000' })).toMatchObject({
      includeAbolished: true,
      parentCode: '420000',
      page: 1,
      pageSize: 20,
    });
    expect(regionListQuery.parse({ includeAbolished: 'false' }).includeAbolished).toBe(false);
  });

  it.each([
    [{ parentCode: '4200' }, 'region_code_format'],
    [{ includeAbolished: 'yes' }, 'invalid_value'],
    [{ sort: 'level' }, 'invalid_value'],
  ])('refuses %j', (query, code) => {
    const result = regionListQuery.safeParse(query);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.code === 'custom' || issue?.code === 'invalid_format' ? issue.message : issue?.code).toBe(
      code,
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  categoryWarnings,
  changeProblem,
  createPartnershipBody,
  createSecondmentBody,
  daysOverlap,
  directionName,
  directionSides,
  exchangeNarrative,
  inPostDuringYear,
  jointClassKindOf,
  type NarrativeInput,
  overlappingTerm,
  type SecondmentTerm,
  secondmentActionsFrom,
  secondmentAlert,
  secondmentStatsQuery,
  secondmentTransition,
  startedInYear,
  statusAfterChange,
} from './exchange.js';

const term = (over: Partial<SecondmentTerm> = {}): SecondmentTerm => ({
  plannedStart: '2020-04-01',
  plannedEnd: '2021-09-30',
  actualStart: null,
  actualEnd: null,
  status: 'planned',
  ...over,
});

describe('directions', () => {
  it('names each direction by its sending and receiving side', () => {
    expect(directionSides('a_to_b')).toEqual({ sending: 'a', receiving: 'b' });
    expect(directionName('a_to_b', '恩施市', '江干区')).toBe('恩施市 → 江干区');
    expect(directionName('b_to_a', '恩施市', '江干区')).toBe('江干区 → 恩施市');
  });
});

describe('terms', () => {
  it('a person cannot hold two overlapping terms; touching ends overlap (inclusive days)', () => {
    const others = [term({ plannedStart: '2020-04-01', plannedEnd: '2020-06-30' })];
    expect(overlappingTerm({ start: '2020-06-30', end: '2020-08-01' }, others)).toBe(others[0]);
    expect(overlappingTerm({ start: '2020-07-01', end: '2020-08-01' }, others)).toBeNull();
  });

  it('cancelled terms occupy nothing; actual dates win over planned ones', () => {
    expect(
      overlappingTerm({ start: '2020-05-01', end: '2020-05-02' }, [term({ status: 'cancelled' })]),
    ).toBeNull();
    const ended = term({ status: 'ended_early', actualStart: '2020-04-01', actualEnd: '2020-05-31' });
    expect(overlappingTerm({ start: '2020-06-01', end: '2020-12-31' }, [ended])).toBeNull();
  });

  it('overlap is symmetric', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2019-01-01', n));
    const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));
    fc.assert(fc.property(range, range, (a, b) => daysOverlap(a, b) === daysOverlap(b, a)));
  });

  it('counts "started in the year" and "in post during the year" differently', () => {
    const t = term({ status: 'completed', actualStart: '2019-09-01', actualEnd: '2021-02-28' });
    expect([2019, 2020, 2021].map((y) => startedInYear(t, y))).toEqual([true, false, false]);
    expect([2018, 2019, 2020, 2021, 2022].map((y) => inPostDuringYear(t, y))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(inPostDuringYear(term(), 2020)).toBe(false);
  });
});

describe('alerts', () => {
  const inPost = term({ status: 'in_post', actualStart: '2020-04-01', plannedEnd: '2020-10-31' });
  it('warns 30 days before the end and flags an overdue return', () => {
    expect(secondmentAlert(inPost, '2020-09-30')).toBeNull();
    expect(secondmentAlert(inPost, '2020-10-01')).toBe('ending_soon');
    expect(secondmentAlert(inPost, '2020-10-31')).toBe('ending_soon');
    expect(secondmentAlert(inPost, '2020-11-01')).toBe('return_overdue');
  });
  it('flags a planned term whose start has passed, and nothing on ended terms', () => {
    expect(secondmentAlert(term(), '2020-04-02')).toBe('start_overdue');
    expect(secondmentAlert(term(), '2020-04-01')).toBeNull();
    expect(
      secondmentAlert({ ...inPost, status: 'completed', actualEnd: '2020-10-31' }, '2021-01-01'),
    ).toBeNull();
  });
});

describe('states', () => {
  it('runs planned → in post → completed, and cancels only what has not started', () => {
    expect(secondmentTransition('planned', 'start')).toBe('in_post');
    expect(secondmentTransition('extended', 'complete')).toBe('completed');
    expect(secondmentTransition('in_post', 'cancel')).toBeNull();
    expect(secondmentTransition('completed', 'start')).toBeNull();
    expect(secondmentActionsFrom('planned')).toEqual(['start', 'cancel']);
    expect(secondmentActionsFrom('ended_early')).toEqual([]);
  });
  it('checks the new end of an extension or early end', () => {
    const t = term({ status: 'in_post', actualStart: '2020-04-10' });
    expect(changeProblem(t, 'extension', '2021-09-30')).toBe('extension_not_later');
    expect(changeProblem(t, 'extension', '2022-03-31')).toBeNull();
    expect(changeProblem(t, 'early_end', '2021-09-30')).toBe('early_end_not_earlier');
    expect(changeProblem(t, 'early_end', '2020-04-09')).toBe('early_end_before_start');
    expect(changeProblem(t, 'early_end', '2020-12-31')).toBeNull();
    expect(statusAfterChange('in_post', 'extension')).toBe('extended');
    expect(statusAfterChange('planned', 'extension')).toBe('planned');
    expect(statusAfterChange('extended', 'early_end')).toBe('ended_early');
  });
});

describe('category check', () => {
  it('records a warning, never a refusal, when the category differs from the record', () => {
    const cadre = { category: 'cadre' as const, specialty: null };
    expect(categoryWarnings({ category: 'professional', specialty: 'medical' }, cadre)).toEqual([
      'category_differs',
    ]);
    expect(
      categoryWarnings(
        { category: 'professional', specialty: 'medical' },
        { category: 'professional', specialty: 'education' },
      ),
    ).toEqual(['specialty_differs']);
    expect(
      categoryWarnings({ category: 'cadre', specialty: null }, { category: 'other', specialty: null }),
    ).toEqual([]);
  });
  it('joint classes of the professional kind are professional training, the rest leadership', () => {
    expect(jointClassKindOf('professional')).toBe('professional');
    expect(jointClassKindOf('leadership')).toBe('leadership');
    expect(jointClassKindOf('special')).toBe('leadership');
  });
});

describe('narrative', () => {
  const enshi = { zhCN: '恩施市', zhTW: '恩施市' };
  const jianggan = { zhCN: '江干区', zhTW: '江干區' };
  const input: NarrativeInput = {
    fromYear: 2018,
    toYear: null,
    directions: [
      {
        sending: enshi,
        receiving: jianggan,
        cadres: 13,
        professionals: 127,
        bySpecialty: { medical: 69, education: 58, agriculture: 0, other: 0 },
      },
      {
        sending: jianggan,
        receiving: enshi,
        cadres: 3,
        professionals: 82,
        bySpecialty: { medical: 23, education: 45, agriculture: 14, other: 0 },
      },
    ],
    jointClasses: {
      leadership: { classes: 7, personTimes: 750 },
      professional: { classes: 30, personTimes: 1584 },
    },
  };

  it('writes the seed sentence in Simplified Chinese from the figures', () => {
    expect(exchangeNarrative(input, 'zh-CN')).toEqual([
      '2018年以来，恩施市选派党政干部13名、专业技术人才127名（其中医生69名、教师58名）赴江干区挂职交流。',
      '江干区选派党政干部3名、专业技术人才82名（其中医生23名、教师45名、农业专家14名）赴恩施市挂职交流。',
      '两地联合举办领导干部培训班7期、培训750人次，举办专业技术人才培训班30期、培训1584人次。',
    ]);
  });

  it('keeps place names in their own Traditional form: 江干區, never 江乾區', () => {
    const text = exchangeNarrative(input, 'zh-TW').join('');
    expect(text).toContain(
      '恩施市選派黨政幹部13名、專業技術人才127名（其中醫生69名、教師58名）赴江干區掛職交流',
    );
    expect(text).toContain('江干區選派');
    expect(text).not.toContain('江乾');
  });

  it('leaves out zero figures and says when a side sent nobody', () => {
    const one: NarrativeInput = {
      fromYear: 2019,
      toYear: 2020,
      directions: [
        {
          sending: enshi,
          receiving: jianggan,
          cadres: 0,
          professionals: 2,
          bySpecialty: { medical: 0, education: 2, agriculture: 0, other: 0 },
        },
        {
          sending: jianggan,
          receiving: enshi,
          cadres: 0,
          professionals: 0,
          bySpecialty: { medical: 0, education: 0, agriculture: 0, other: 0 },
        },
      ],
      jointClasses: null,
    };
    expect(exchangeNarrative(one, 'zh-CN')).toEqual([
      '2019年至2020年，恩施市选派专业技术人才2名（其中教师2名）赴江干区挂职交流。',
      '江干区暂未选派干部人才赴恩施市挂职交流。',
    ]);
  });
});

describe('contracts', () => {
  const base = {
    partnershipId: '00000000-0000-4000-8000-000000000001',
    personId: '00000000-0000-4000-8000-000000000002',
    direction: 'a_to_b',
    form: 'secondment',
    hostUnitId: '00000000-0000-4000-8000-000000000003',
    plannedStart: '2020-04-01',
    plannedEnd: '2021-09-30',
  };
  const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

  it('refuses an end before the start, a professional without specialty and a cadre with one', () => {
    expect(
      paths(createSecondmentBody.safeParse({ ...base, category: 'cadre', plannedEnd: '2020-03-31' })),
    ).toEqual(['plannedEnd:end_before_start']);
    expect(paths(createSecondmentBody.safeParse({ ...base, category: 'professional' }))).toEqual([
      'specialty:specialty_required',
    ]);
    expect(
      paths(createSecondmentBody.safeParse({ ...base, category: 'cadre', specialty: 'medical' })),
    ).toEqual(['specialty:specialty_not_for_cadre']);
  });

  it('refuses a pairing of a side with itself and an end year before the start', () => {
    const side = { regionCode: '422801' };
    const r = createPartnershipBody.safeParse({
      name: 'x',
      programme: 'east_west',
      sideA: side,
      sideB: side,
      startYear: 2018,
      endYear: 2017,
    });
    expect(paths(r).sort()).toEqual(['endYear:end_before_start', 'sideB.regionCode:same_sides']);
  });

  it('parses the statistics dimensions and refuses unknown ones', () => {
    const ok = secondmentStatsQuery.parse({ fromYear: '2018', toYear: '2020', groupBy: 'year,direction' });
    expect(ok.groupBy).toEqual(['year', 'direction']);
    expect(ok.basis).toBe('started');
    expect(secondmentStatsQuery.safeParse({ fromYear: 2018, toYear: 2020, groupBy: 'colour' }).success).toBe(
      false,
    );
    expect(secondmentStatsQuery.safeParse({ fromYear: 2020, toYear: 2018 }).success).toBe(false);
  });
});

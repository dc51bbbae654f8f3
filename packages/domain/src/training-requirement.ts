/**
 * The yearly or five-year study-hour requirement of a cadre (干部教育培训工作条例): leading cadres
 * at county-division level and above need 550 学时 in five years; other cadres 90 学时 a year.
 * A person's profile may override it.
 */
export type RequirementPeriod = 'yearly' | 'five_year';

export interface TrainingRequirement {
  period: RequirementPeriod;
  hours: number;
}

/** GB/T 12407 post-level codes at county-division level or above (0101 … 0132). */
const LEADING_LEVELS = new Set(['0101', '0102', '0111', '0112', '0121', '0122', '0131', '0132']);

/** The default requirement for a GB/T 12407 post level (unknown or empty: the yearly 90 hours). */
export function defaultTrainingRequirement(postLevel: string | null | undefined): TrainingRequirement {
  return postLevel && LEADING_LEVELS.has(postLevel)
    ? { period: 'five_year', hours: 550 }
    : { period: 'yearly', hours: 90 };
}

/** The effective requirement: the person's override when set, otherwise the default for their level. */
export function trainingRequirement(
  postLevel: string | null | undefined,
  override: TrainingRequirement | null | undefined,
): TrainingRequirement & { source: 'default' | 'override' } {
  return override
    ? { ...override, source: 'override' }
    : { ...defaultTrainingRequirement(postLevel), source: 'default' };
}

import type { Direction, PartnershipSideView, PartnershipStatus, PartnershipView } from '@ganxun/domain';
import { currentLanguage } from '../../app/i18n';
import { useDictionaryOptions } from '../classes/api';

/** Tag colours of the pairing statuses (antd preset colours). */
export const PARTNERSHIP_STATUS_COLOR: Record<PartnershipStatus, string> = {
  active: 'green',
  suspended: 'orange',
  ended: 'default',
};

/** The `partnership_programme` dictionary (东西部协作, 对口支援, 省内结对). */
export const useProgrammes = () => useDictionaryOptions('partnership_programme');

/** The `secondment_form` dictionary (挂职服务, 跟岗学习, …). */
export const useSecondmentForms = () => useDictionaryOptions('secondment_form');

/** A pairing's years: `2018–2025`, or `2018–至今` while open-ended. */
export function yearsText(p: Pick<PartnershipView, 'startYear' | 'endYear'>, ongoing: string): string {
  return `${p.startYear}–${p.endYear ?? ongoing}`;
}

/** Years offered by year selects: from 2000 to two years ahead, newest first. */
export function yearChoices(current = new Date().getFullYear()): number[] {
  const out: number[] = [];
  for (let y = current + 2; y >= 2000; y--) out.push(y);
  return out;
}

/**
 * A side's name in the UI language: the unit's name, else the region's — in Traditional script the
 * region's checked zh-TW form (江干區), never a character-by-character conversion.
 */
export function sideLabel(side: PartnershipSideView): string {
  if (side.unitName) return side.unitName;
  return currentLanguage() === 'zh-TW' ? side.regionNameZhTw || side.regionName : side.regionName;
}

/** A direction's name in the UI language: "恩施市 → 江干区" (江干區 in zh-TW). */
export function directionLabel(p: Pick<PartnershipView, 'sideA' | 'sideB'>, direction: Direction): string {
  const a = sideLabel(p.sideA);
  const b = sideLabel(p.sideB);
  return direction === 'a_to_b' ? `${a} → ${b}` : `${b} → ${a}`;
}

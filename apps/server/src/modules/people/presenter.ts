import { type PersonDetail, type PersonView, type RevealResponse, trainingRequirement } from '@ganxun/domain';
import type { PersonSummary } from './query.js';

/**
 * Person → API shape. The one place that decides what of a person's personal information leaves
 * the server: lists and pages carry only the masked forms stored beside the ciphertexts; clear
 * values leave only through `presentRevealed`, after the reveal was audited.
 */
export function presentPerson(p: PersonSummary): PersonView {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birthDate,
    idNumber: p.idNumberMasked,
    mobile: p.mobileMasked,
    politicalStatus: p.politicalStatus,
    education: p.education,
    unitId: p.unitId,
    unitName: p.unitName,
    regionCode: p.regionCode,
    post: p.post,
    rank: p.rank,
    category: p.category,
    specialty: p.specialty,
    status: p.status,
    requirement: trainingRequirement(p.rank, p.requirementOverride),
    hasAccount: p.userId !== null,
    username: p.username,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentPersonDetail(
  p: PersonSummary,
  unitAncestors: { id: string; name: string }[],
): PersonDetail {
  return { ...presentPerson(p), requirementOverride: p.requirementOverride ?? null, unitAncestors };
}

/** The clear values of a reveal (decrypted by the service inside the audited transaction). */
export function presentRevealed(values: { idNumber: string; mobile: string | null }): RevealResponse {
  return { idNumber: values.idNumber, mobile: values.mobile };
}

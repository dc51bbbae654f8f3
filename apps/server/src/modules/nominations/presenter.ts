import type { MessageLocale, NominationView } from '@ganxun/domain';
import type { ClassRef, NominationRow } from './query.js';

/** Nomination row → API shape: the person's name and work place only (no personal numbers). */
export function presentNomination(
  n: NominationRow,
  overlaps: ClassRef[] | undefined,
  locale: MessageLocale,
): NominationView {
  const quotaHolderName = n.quotaId
    ? (n.quotaUnitName ??
      (locale === 'zh-TW' ? n.quotaRegionNameZhTw || n.quotaRegionName : n.quotaRegionName) ??
      n.quotaRegionCode)
    : null;
  return {
    id: n.id,
    classId: n.classId,
    quotaId: n.quotaId,
    quotaHolderName,
    person: {
      id: n.personId,
      name: n.personName,
      gender: n.personGender,
      unitName: n.personUnitName,
      post: n.personPost,
      rank: n.personRank,
    },
    source: n.source,
    status: n.status,
    waitlistPosition: n.waitlistPosition === null ? null : Number(n.waitlistPosition),
    note: n.note,
    decisionReason: n.decisionReason,
    replacedById: n.replacedById,
    replacesId: n.replacesId,
    nominatedBy: n.nominatedByName,
    decidedBy: n.decidedByName,
    createdAt: n.createdAt.toISOString(),
    decidedAt: n.decidedAt?.toISOString() ?? null,
    overlaps: overlaps ?? [],
  };
}

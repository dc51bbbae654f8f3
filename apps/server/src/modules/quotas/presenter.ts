import type { MessageLocale, QuotaList, QuotaView } from '@ganxun/domain';
import { holderName, NO_COUNTS, type QuotaCounts, type QuotaRecord } from './holders.js';

/** Quota row → API shape: the holder's name in the reader's script and the seat counts. */
export function presentQuota(
  q: QuotaRecord,
  counts: QuotaCounts | undefined,
  canNominate: boolean,
  locale: MessageLocale,
): QuotaView {
  const c = counts ?? NO_COUNTS;
  return {
    id: q.id,
    regionCode: q.regionCode,
    unitId: q.unitId,
    holderName: holderName(q, locale),
    seats: q.seats,
    weight: q.weight,
    used: c.used,
    remaining: Math.max(0, q.seats - c.used),
    approved: c.approved,
    waitlisted: c.waitlisted,
    canNominate,
  };
}

export function presentQuotaList(capacity: number | null, items: QuotaView[]): QuotaList {
  return { capacity, allocated: items.reduce((sum, q) => sum + q.seats, 0), items };
}

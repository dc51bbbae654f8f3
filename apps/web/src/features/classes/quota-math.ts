import type { PutQuotasBody, QuotaList, QuotaView, SplitQuotasBody } from '@ganxun/domain';

/** One row of the quota editor: a region or a unit, its seats, and the seats already in use. */
export interface QuotaRow {
  regionCode: string | null;
  unitId: string | null;
  /** Known for saved quotas; new rows look their name up by code or id. */
  holderName: string | null;
  seats: number;
  weight: number | null;
  used: number;
}

export type QuotaHolderRef = { kind: 'region'; code: string } | { kind: 'unit'; id: string };

/** A stable key for a row's holder (`region:420100`, `unit:<uuid>`). */
export function holderKey(row: { regionCode: string | null; unitId: string | null }): string {
  return row.regionCode ? `region:${row.regionCode}` : `unit:${row.unitId ?? ''}`;
}

/** The editor's rows from the saved quotas. */
export function rowsFromQuotas(items: readonly QuotaView[]): QuotaRow[] {
  return items.map((q) => ({
    regionCode: q.regionCode,
    unitId: q.unitId,
    holderName: q.holderName,
    seats: q.seats,
    weight: q.weight,
    used: q.used,
  }));
}

/** Adds a holder with no seats at the end; a holder already listed is left as it is. */
export function addHolder(rows: readonly QuotaRow[], holder: QuotaHolderRef): QuotaRow[] {
  const row: QuotaRow = {
    regionCode: holder.kind === 'region' ? holder.code : null,
    unitId: holder.kind === 'unit' ? holder.id : null,
    holderName: null,
    seats: 0,
    weight: null,
    used: 0,
  };
  if (rows.some((r) => holderKey(r) === holderKey(row))) return [...rows];
  return [...rows, row];
}

/** Seats allocated against the class's capacity; `over` when the quotas exceed it. */
export function quotaTotals(
  rows: readonly Pick<QuotaRow, 'seats'>[],
  capacity: number | null,
): { allocated: number; capacity: number | null; free: number | null; over: boolean; percent: number } {
  const allocated = rows.reduce((sum, r) => sum + (Number.isFinite(r.seats) ? r.seats : 0), 0);
  if (capacity === null) return { allocated, capacity, free: null, over: false, percent: 0 };
  const percent = capacity > 0 ? Math.min(100, Math.round((allocated / capacity) * 100)) : 0;
  return { allocated, capacity, free: capacity - allocated, over: allocated > capacity, percent };
}

/** Keys of rows whose seats would fall below the seats already held by nominations. */
export function rowsBelowUsed(rows: readonly QuotaRow[]): string[] {
  return rows.filter((r) => r.seats < r.used).map(holderKey);
}

/** The body that saves the rows as the class's quotas (the whole set at once). */
export function putBody(rows: readonly QuotaRow[]): PutQuotasBody {
  return {
    quotas: rows.map((r) => ({
      regionCode: r.regionCode,
      unitId: r.unitId,
      seats: r.seats,
      weight: r.weight,
    })),
  };
}

/** The body asking the server to split `total` seats (the capacity when absent) over the rows. */
export function splitBody(
  rows: readonly QuotaRow[],
  method: 'even' | 'weights',
  total?: number,
): SplitQuotasBody {
  return {
    method,
    ...(total === undefined ? {} : { total }),
    holders: rows.map((r) => ({ regionCode: r.regionCode, unitId: r.unitId, weight: r.weight ?? 1 })),
  };
}

/** Takes the seats of a split preview onto the rows, matched by holder; others keep theirs. */
export function applySplit(rows: readonly QuotaRow[], preview: QuotaList): QuotaRow[] {
  const seats = new Map(preview.items.map((q) => [holderKey(q), q]));
  return rows.map((r) => {
    const q = seats.get(holderKey(r));
    return q ? { ...r, seats: q.seats, holderName: r.holderName ?? q.holderName } : r;
  });
}

/** Share of a quota in use, 0–100, for its progress bar (a quota of no seats counts as full). */
export function usedPercent(q: Pick<QuotaView, 'seats' | 'used'>): number {
  if (q.seats <= 0) return q.used > 0 ? 100 : 0;
  return Math.min(100, Math.round((q.used / q.seats) * 100));
}

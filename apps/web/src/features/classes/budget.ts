/** Sum of budget lines in yuan, added in fen so that 0.1 + 0.2 is 0.30. */
export function budgetTotal(lines: readonly ({ amount?: number | null } | undefined)[] | undefined): number {
  const fen = (lines ?? []).reduce((sum, l) => sum + Math.round((Number(l?.amount) || 0) * 100), 0);
  return fen / 100;
}

/** Yuan with two decimals and thousands separators (`12,345.60`). */
export function formatYuan(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

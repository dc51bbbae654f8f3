import type { Db } from '../../db/client.js';

export interface ExchangeStatsServiceDeps {
  db: Db;
}

/** exchange statistics and the report narrative (issue 7). Skeleton: the helper who owns this folder replaces it. */
export class ExchangeStatsService {
  constructor(readonly deps: ExchangeStatsServiceDeps) {}
}

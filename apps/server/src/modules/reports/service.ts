import type { Db } from '../../db/client.js';
import type { StatsService } from '../stats/service.js';

export interface ReportServiceDeps {
  db: Db;
  stats: StatsService;
}

/** Issue 8 — skeleton: the owner of this module replaces it. */
export class ReportService {
  readonly db: Db;
  readonly stats: StatsService;

  constructor(deps: ReportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
  }
}

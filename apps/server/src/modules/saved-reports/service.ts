import type { Db } from '../../db/client.js';
import type { StatsService } from '../stats/service.js';

export interface SavedReportServiceDeps {
  db: Db;
  stats: StatsService;
}

/** Issue 8 — skeleton: the owner of this module replaces it. */
export class SavedReportService {
  readonly db: Db;
  readonly stats: StatsService;

  constructor(deps: SavedReportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
  }
}

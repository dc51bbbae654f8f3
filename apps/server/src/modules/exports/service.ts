import type { Db } from '../../db/client.js';
import type { StatsService } from '../stats/service.js';

export interface ExportServiceDeps {
  db: Db;
  stats: StatsService;
}

/** Issue 8 — skeleton: the owner of this module replaces it. */
export class ExportService {
  readonly db: Db;
  readonly stats: StatsService;

  constructor(deps: ExportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
  }
}

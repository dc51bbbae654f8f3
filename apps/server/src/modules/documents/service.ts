import type { Db } from '../../db/client.js';
import type { StatsService } from '../stats/service.js';

export interface DocumentServiceDeps {
  db: Db;
  stats: StatsService;
}

/** Issue 8 — skeleton: the owner of this module replaces it. */
export class DocumentService {
  readonly db: Db;
  readonly stats: StatsService;

  constructor(deps: DocumentServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
  }
}

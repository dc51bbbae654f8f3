import type { Db } from '../../db/client.js';

export interface VenueServiceDeps {
  db: Db;
}

/** Being written (issue 5). */
export class VenueService {
  constructor(readonly deps: VenueServiceDeps) {}
}

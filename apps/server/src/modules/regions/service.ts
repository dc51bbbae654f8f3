import type { Db } from '../../db/client.js';

/** Use cases of the regions module (see issue 3). */
export class RegionService {
  constructor(readonly db: Db) {}
}

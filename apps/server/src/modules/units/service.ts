import type { Db } from '../../db/client.js';

/** Use cases of the units module (see issue 3). */
export class UnitService {
  constructor(readonly db: Db) {}
}

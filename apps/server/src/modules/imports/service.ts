import type { Db } from '../../db/client.js';

/** Use cases of the imports module (see issue 3). */
export class ImportService {
  constructor(readonly db: Db) {}
}

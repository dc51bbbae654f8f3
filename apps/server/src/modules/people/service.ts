import type { Db } from '../../db/client.js';

/** Use cases of the people module (see issue 3). */
export class PersonService {
  constructor(readonly db: Db) {}
}

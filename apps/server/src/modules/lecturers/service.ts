import type { Db } from '../../db/client.js';

export interface LecturerServiceDeps {
  db: Db;
}

/** Being written (issue 5). */
export class LecturerService {
  constructor(readonly deps: LecturerServiceDeps) {}
}

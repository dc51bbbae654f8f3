import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';

export interface EnrollmentServiceDeps {
  db: Db;
  classes: ClassService;
}

/** TODO(issue 4): being written. */
export class EnrollmentService {
  constructor(readonly deps: EnrollmentServiceDeps) {}
}

import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';

export interface PlanServiceDeps {
  db: Db;
  classes: ClassService;
}

/** TODO(issue 4): being written. */
export class PlanService {
  constructor(readonly deps: PlanServiceDeps) {}
}

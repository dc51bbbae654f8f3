import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';

export interface IncidentServiceDeps {
  db: Db;
  classes: ClassService;
}

/** Contingency plans and a class's incidents with their timeline (issue 9 items 2–3). SKELETON. */
export class IncidentService {
  constructor(readonly deps: IncidentServiceDeps) {}
}

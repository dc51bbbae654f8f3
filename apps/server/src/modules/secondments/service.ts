import type { Db } from '../../db/client.js';

export interface SecondmentServiceDeps {
  db: Db;
}

/** secondments (挂职交流): terms, changes, logs, talks, assessments, alerts (issue 7). Skeleton: the helper who owns this folder replaces it. */
export class SecondmentService {
  constructor(readonly deps: SecondmentServiceDeps) {}
}

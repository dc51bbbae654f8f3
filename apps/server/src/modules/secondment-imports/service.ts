import type { Db } from '../../db/client.js';

export interface SecondmentImportServiceDeps {
  db: Db;
}

/** the secondment import and export (xlsx) (issue 7). Skeleton: the helper who owns this folder replaces it. */
export class SecondmentImportService {
  constructor(readonly deps: SecondmentImportServiceDeps) {}
}

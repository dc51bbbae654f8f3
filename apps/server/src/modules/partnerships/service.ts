import type { Db } from '../../db/client.js';

export interface PartnershipServiceDeps {
  db: Db;
}

/** pairings (结对协作) and their joint classes (issue 7). Skeleton: the helper who owns this folder replaces it. */
export class PartnershipService {
  constructor(readonly deps: PartnershipServiceDeps) {}
}

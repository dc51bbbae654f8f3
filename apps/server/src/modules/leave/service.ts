import type { Db } from '../../db/client.js';

/** Leave requests (请假): a trainee asks, the class director decides (two levels above the configured length), approved leave marks attendance. */
export class LeaveService {
  constructor(readonly deps: { db: Db } & Record<string, unknown>) {}
}

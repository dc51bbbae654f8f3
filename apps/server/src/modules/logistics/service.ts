import type { LogisticsView } from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { ClassService } from '../classes/service.js';

export interface LogisticsServiceDeps {
  db: Db;
  classes: ClassService;
}

/** Logistics and services of a class (issue 9 item 4). Skeleton: the helper fills it in. */
export class LogisticsService {
  constructor(private readonly deps: LogisticsServiceDeps) {}

  async read(ctx: RequestContext, classId: string): Promise<LogisticsView> {
    await this.deps.classes.requireRun(ctx, classId, 'logistics');
    throw new Error('not built yet');
  }
}

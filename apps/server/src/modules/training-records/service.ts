import type { Db } from '../../db/client.js';

/** The study-hour archive (学时档案): completions credited, manual entries, totals against the requirement, people below it. */
export class TrainingRecordService {
  constructor(readonly deps: { db: Db } & Record<string, unknown>) {}
}

import type { Db } from '../../db/client.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { JobQueue } from '../../platform/jobs.js';
import type { ClassService } from '../classes/service.js';

export interface NoticeServiceDeps {
  db: Db;
  classes: ClassService;
  jobs: JobQueue;
  cipher: FieldCipher;
}

/** Notifications: inbox, class notice boards, event notices, email and SMS deliveries (issue 9 item 5). SKELETON. */
export class NoticeService {
  constructor(readonly deps: NoticeServiceDeps) {}
}

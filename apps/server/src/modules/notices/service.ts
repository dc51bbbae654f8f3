import { type NoticeKind, noticeText } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { noticeRecipients, notices } from '../../db/schema/index.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { JobQueue } from '../../platform/jobs.js';
import type { ClassService } from '../classes/service.js';
import { queueDeliveries } from './deliveries.js';

export interface NoticeServiceDeps {
  db: Db;
  classes: ClassService;
  jobs: JobQueue;
  cipher: FieldCipher;
}

/** An event's notice (nomination decided, timetable changed, task overdue…) to some users. */
export interface NotifyInput {
  kind: Exclude<NoticeKind, 'class_notice'>;
  classId: string | null;
  userIds: readonly string[];
  /** Filled into the notice's words (noticeText), e.g. { className, summary }. */
  params: Record<string, string | number>;
  /** Where the notice leads in the console (`/classes/…?tab=…`). */
  link?: string | null;
  /** Besides the inbox (always): email and/or SMS, to those who have an address. */
  channels?: readonly ('email' | 'sms')[];
}

/**
 * Notifications (issue 9 item 5): the inbox, class notice boards with read receipts, event notices
 * and their email / SMS deliveries through the job queue.
 *
 * `notify` is the one entry point other modules call, inside their own transaction: the in-app
 * copy is written with the change that caused it (so it is never lost), deliveries by other
 * channels are queued as jobs that commit with it.
 */
export class NoticeService {
  constructor(readonly deps: NoticeServiceDeps) {}

  async notify(exec: Executor, input: NotifyInput): Promise<string | null> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return null;
    const zhCN = noticeText(input.kind, input.params, 'zh-CN');
    const [notice] = await exec
      .insert(notices)
      .values({
        kind: input.kind,
        classId: input.classId,
        title: zhCN.title,
        body: zhCN.body,
        texts: {
          'zh-TW': noticeText(input.kind, input.params, 'zh-TW'),
          en: noticeText(input.kind, input.params, 'en'),
        },
        link: input.link ?? null,
        channels: ['in_app', ...(input.channels ?? [])],
        recipients: userIds.length,
      })
      .returning({ id: notices.id });
    if (!notice) throw new Error('notice not inserted');
    // One statement and one parameter (an array literal, cast: every id must be a uuid) for any
    // number of recipients (10,000 in the benchmark).
    await exec.execute(sql`
      insert into ${noticeRecipients} (notice_id, user_id)
      select ${notice.id}::uuid, u from unnest(${`{${userIds.join(',')}}`}::uuid[]) as u
      on conflict do nothing`);
    if (input.channels?.length) {
      await queueDeliveries(exec, this.deps.jobs, { noticeId: notice.id, userIds, channels: input.channels });
    }
    return notice.id;
  }
}

import type { Executor } from '../../db/client.js';
import type { JobQueue } from '../../platform/jobs.js';

/**
 * Deliveries of a notice by email and SMS (issue 9 item 5): one `notice_deliveries` row and one job
 * (`notice.deliver`) per recipient and channel, queued in the caller's transaction. SKELETON: the
 * channels (SMTP, SMS gateway), the job handler and the delivery log come next.
 */
export async function queueDeliveries(
  _exec: Executor,
  _jobs: JobQueue,
  _input: { noticeId: string; userIds: readonly string[]; channels: readonly ('email' | 'sms')[] },
): Promise<number> {
  return 0;
}

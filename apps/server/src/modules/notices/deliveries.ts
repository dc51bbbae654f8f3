import {
  DELIVERY_MAX_ATTEMPTS,
  type DeliveryCountsView,
  type DeliveryLogQuery,
  type DeliveryLogView,
  deliveryLogQuery,
  deliveryLogView,
  idParams,
  retryDelayMs,
} from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import type { Db, Executor } from '../../db/client.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { JobFailure, type JobQueue, type JobRow, type JobTools } from '../../platform/jobs.js';
import { type Channels, DeliveryError, type OutboundMessage } from './channels/index.js';

/**
 * Deliveries of a notice by email and SMS (issue 9 item 5). The in-app copy (notice_recipients) is
 * written by `notify` first; here, in the same transaction, one `notice_deliveries` row per
 * recipient and channel — `skipped` with its reason when there is nowhere to send it — and one
 * `notice.deliver` job per batch of queued rows. The job sends (addresses decrypted only then),
 * marks each row `sent`, or `retrying` and lets the queue try the batch again after the domain's
 * back-off (`retryDelayMs`: 1, 2, 4, 8, 16 minutes), or `failed` for good after
 * DELIVERY_MAX_ATTEMPTS. A failed delivery never touches the in-app copy.
 */

export const DELIVERY_JOB = 'notice.deliver';
/** Deliveries per job: one job per delivery costs a claim and a finish each (bench/notices.ts). */
export const DELIVERY_BATCH = 100;
/** Messages of one batch in flight at once (the SMTP pool's connections). */
const SEND_CONCURRENCY = 5;

export interface DeliveryDeps {
  db: Db;
  cipher: FieldCipher;
  channels: Channels;
}

/** The channels each queue delivers with (registerDeliveries); none registered: all skipped. */
const channelsOf = new WeakMap<JobQueue, Channels>();

/** Registers the `notice.deliver` handler with the queue; channels not configured are skipped. */
export function registerDeliveries(jobs: JobQueue, deps: DeliveryDeps): void {
  channelsOf.set(jobs, deps.channels);
  // The domain's schedule (retryDelayMs: 1, 2, 4, 8, 16 minutes), not the queue's 2^n seconds.
  jobs.register(DELIVERY_JOB, (job, tools) => deliverBatch(deps, job, tools), {
    keepDays: 30,
    backoffMs: retryDelayMs,
  });
}

type Channel = 'email' | 'sms';

/** A Postgres uuid[] literal, one parameter for any number of ids (each already a uuid). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Queues the deliveries of a notice in the caller's transaction: per channel one statement that
 * inserts every recipient's row (INSERT … SELECT over the ids) and the jobs of the queued ones.
 * Returns how many were queued (the rest are `skipped`).
 */
export async function queueDeliveries(
  exec: Executor,
  jobs: JobQueue,
  input: { noticeId: string; userIds: readonly string[]; channels: readonly Channel[] },
  options: { batchSize?: number } = {},
): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return 0;
  const channels = channelsOf.get(jobs);
  const batch = Math.max(1, Math.floor(options.batchSize ?? DELIVERY_BATCH));
  let queued = 0;
  for (const channel of new Set(input.channels)) {
    const on = !!channels?.[channel];
    // Where it would go and why it cannot: the address of the account's preferences (email) or the
    // mobile of the person linked to the account (SMS); the wish of the account either way.
    const source =
      channel === 'email'
        ? sql`select r.u as user_id, p.email_masked as masked, p.email_enc is not null as has_address,
                coalesce(p.email, true) as wanted, us.status = 'active' as active
              from unnest(${uuidArray(userIds)}) as r(u)
              join users us on us.id = r.u
              left join notification_preferences p on p.user_id = r.u`
        : sql`select r.u as user_id, pe.mobile_masked as masked, pe.mobile_enc is not null as has_address,
                coalesce(p.sms, true) as wanted, us.status = 'active' as active
              from unnest(${uuidArray(userIds)}) as r(u)
              join users us on us.id = r.u
              left join people pe on pe.user_id = r.u
              left join notification_preferences p on p.user_id = r.u`;
    const result = await exec.execute(sql`
      with src as (${source}),
      ins as (
        insert into notice_deliveries (notice_id, user_id, channel, address_masked, status, last_error)
        select ${input.noticeId}::uuid, s.user_id, ${channel}::text, s.masked,
          case when ${on}::boolean and s.active and s.has_address and s.wanted then 'queued' else 'skipped' end,
          case when not ${on}::boolean then 'channel_off' when not s.active then 'account_disabled'
               when not s.has_address then 'no_address' when not s.wanted then 'opted_out' end
        from src s
        returning id, status
      ),
      batches as (
        select id, (row_number() over (order by id) - 1) / ${batch}::int as b from ins where status = 'queued'
      ),
      queued_jobs as (
        insert into jobs (kind, payload, max_attempts)
        select ${DELIVERY_JOB}::text, jsonb_build_object('noticeId', ${input.noticeId}::text, 'ids', jsonb_agg(id)),
          ${DELIVERY_MAX_ATTEMPTS}::int
        from batches group by b
        returning id
      )
      select (select count(*) from ins where status = 'queued')::int as queued,
        (select count(*) from queued_jobs)::int as jobs`);
    const [row] = rowsOf<{ queued: number; jobs: number }>(result);
    queued += Number(row?.queued ?? 0);
  }
  if (queued > 0) jobs.kick();
  return queued;
}

interface PendingDelivery {
  id: string;
  channel: Channel;
  attempts: number;
  title: string;
  body: string;
  texts: Record<string, { title: string; body: string }> | null;
  locale: string;
  email_enc: string | null;
  email_on: boolean | null;
  mobile_enc: string | null;
  sms_on: boolean | null;
  user_status: string;
}

const FOOTER: Record<string, string> = {
  'zh-CN': '（本邮件由干训平台自动发送，详情请登录平台查看。）',
  'zh-TW': '（本郵件由幹訓平台自動發送，詳情請登入平台查看。）',
  en: '(Sent automatically by Ganxun; sign in to see the details.)',
};

/** The message in the recipient's language (the notice's zh-CN words when it has none in theirs). */
function messageOf(row: PendingDelivery, to: string): OutboundMessage {
  const words = row.texts?.[row.locale] ?? { title: row.title, body: row.body };
  const footer = row.channel === 'email' ? `\n\n${FOOTER[row.locale] ?? FOOTER['zh-CN']}` : '';
  return { to, subject: words.title, text: `${words.body}${footer}` };
}

type Outcome =
  | { status: 'sent' }
  | { status: 'skipped'; reason: string }
  | { status: 'retrying' | 'failed'; error: string };

/**
 * The `notice.deliver` job: sends its batch's deliveries still to do (queued or retrying), a few at
 * a time, recording each outcome as it comes (a worker that dies mid-batch re-sends none of the
 * sent ones). Throws while some remain `retrying`, so the queue runs the batch again after its
 * back-off; on the job's last attempt they become `failed`.
 */
async function deliverBatch(deps: DeliveryDeps, job: JobRow, tools: JobTools): Promise<void> {
  const ids = (job.payload as { ids?: unknown }).ids;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)))
    throw new JobFailure('notice.deliver: payload without delivery ids');
  const rows = rowsOf<PendingDelivery>(
    await deps.db.execute(sql`
      select d.id, d.channel, d.attempts, n.title, n.body, n.texts, u.locale, u.status as user_status,
        p.email_enc, p.email as email_on, pe.mobile_enc, p.sms as sms_on
      from notice_deliveries d
      join notices n on n.id = d.notice_id
      join users u on u.id = d.user_id
      left join notification_preferences p on p.user_id = d.user_id
      left join people pe on pe.user_id = d.user_id
      where d.id = any(${uuidArray(ids as string[])}) and d.status in ('queued', 'retrying')
      order by d.id`),
  );
  const lastAttempt = job.attempts >= job.maxAttempts;
  let retrying = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i] as PendingDelivery;
      const outcome = await deliverOne(deps, row, lastAttempt);
      if (outcome.status === 'retrying') retrying++;
      await record(deps.db, row, outcome);
      done++;
      if (done % 25 === 0) await tools.progress((done / rows.length) * 100);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, rows.length) }, worker));
  if (retrying > 0) throw new Error(`${retrying} of ${rows.length} deliveries failed; retrying`);
}

async function deliverOne(deps: DeliveryDeps, row: PendingDelivery, lastAttempt: boolean): Promise<Outcome> {
  const channel = deps.channels[row.channel];
  if (!channel) return { status: 'skipped', reason: 'channel_off' };
  if (row.user_status !== 'active') return { status: 'skipped', reason: 'account_disabled' };
  // The address and the wish as they are now (they may have changed since the notice was queued).
  const wanted = row.channel === 'email' ? row.email_on !== false : row.sms_on !== false;
  const stored = row.channel === 'email' ? row.email_enc : row.mobile_enc;
  if (!wanted) return { status: 'skipped', reason: 'opted_out' };
  if (!stored) return { status: 'skipped', reason: 'no_address' };
  try {
    await channel.send(messageOf(row, deps.cipher.decrypt(stored)));
    return { status: 'sent' };
  } catch (error) {
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const final = !retryable || lastAttempt || row.attempts + 1 >= DELIVERY_MAX_ATTEMPTS;
    return { status: final ? 'failed' : 'retrying', error: message };
  }
}

async function record(db: Db, row: PendingDelivery, outcome: Outcome): Promise<void> {
  const tried = outcome.status !== 'skipped';
  await db.execute(sql`
    update notice_deliveries set
      status = ${outcome.status}::text,
      attempts = attempts + ${tried ? 1 : 0},
      last_error = ${outcome.status === 'sent' ? null : 'reason' in outcome ? outcome.reason : outcome.error},
      sent_at = ${outcome.status === 'sent' ? sql`now()` : null},
      updated_at = now()
    where id = ${row.id}`);
}

/** Deliveries per notice id, by channel and status (for the notice board's views); none: absent. */
export async function deliveryCounts(
  exec: Executor,
  noticeIds: readonly string[],
): Promise<Record<string, DeliveryCountsView>> {
  const out: Record<string, DeliveryCountsView> = {};
  const ids = [...new Set(noticeIds)];
  if (ids.length === 0) return out;
  const rows = rowsOf<{ notice_id: string; channel: string; status: string; n: number }>(
    await exec.execute(sql`
      select notice_id, channel, status, count(*)::int as n from notice_deliveries
      where notice_id = any(${uuidArray(ids)})
      group by notice_id, channel, status`),
  );
  for (const r of rows) {
    const notice = out[r.notice_id] ?? {};
    notice[r.channel] = { ...notice[r.channel], [r.status]: Number(r.n) };
    out[r.notice_id] = notice;
  }
  return out;
}

/** The delivery log of one notice: recipient, channel, masked address, status, attempts, error. */
export async function deliveryLog(
  exec: Executor,
  noticeId: string,
  query: DeliveryLogQuery,
): Promise<DeliveryLogView> {
  const q = deliveryLogQuery.parse(query);
  const where = sql`d.notice_id = ${noticeId}
    ${q.channel ? sql`and d.channel = ${q.channel}` : sql``}
    ${q.status ? sql`and d.status = ${q.status}` : sql``}`;
  const [items, total, counts] = await Promise.all([
    exec.execute(sql`
      select d.id, d.user_id, coalesce(pe.name, u.display_name) as name, d.channel, d.address_masked,
        d.status, d.attempts, d.last_error, d.sent_at, d.updated_at
      from notice_deliveries d
      join users u on u.id = d.user_id
      left join people pe on pe.user_id = d.user_id
      where ${where}
      order by case d.status when 'failed' then 0 when 'retrying' then 1 when 'queued' then 2 else 3 end,
        name, d.channel, d.id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    exec.execute(sql`select count(*)::int as n from notice_deliveries d where ${where}`),
    deliveryCounts(exec, [noticeId]),
  ]);
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return {
    noticeId,
    counts: counts[noticeId] ?? {},
    items: rowsOf<Record<string, unknown>>(items).map((r) => ({
      id: String(r.id),
      userId: String(r.user_id),
      name: String(r.name),
      channel: r.channel as Channel,
      address: (r.address_masked as string | null) ?? null,
      status: r.status as DeliveryLogView['items'][number]['status'],
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      sentAt: iso(r.sent_at),
      updatedAt: iso(r.updated_at) ?? '',
    })),
    total: Number(rowsOf<{ n: number }>(total)[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** `GET /api/v1/notices/{id}/deliveries`: for those who run the notice's class (`notice`). */
export function deliveryRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = services.notices.deps;
  r.get(
    '/api/v1/notices/:id/deliveries',
    {
      schema: {
        tags: ['notices'],
        params: idParams,
        querystring: deliveryLogQuery,
        response: { 200: deliveryLogView },
      },
    },
    async (req) => {
      const [notice] = rowsOf<{ class_id: string | null }>(
        await db.execute(sql`select class_id from notices where id = ${req.params.id}`),
      );
      // A notice of no class (an account's own event) has no runners to show its log to.
      if (!notice?.class_id) throw AppError.notFound();
      await services.classes.requireRun(req.ctx, notice.class_id, 'notice');
      return deliveryLog(db, req.params.id, req.query);
    },
  );
}

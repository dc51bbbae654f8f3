import { isoDate, multilineText, type TalkBody, type TalkView, text } from '@ganxun/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor, Tx } from '../../db/client.js';
import {
  exchangeTalkSecondments,
  exchangeTalks,
  people,
  secondmentEvents,
  secondments,
  users,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { PartnershipRow } from './write.js';

/**
 * Follow-up talks (座谈交流) of a pairing with its secondees. Each secondee of a talk gets a
 * `talk` event on their secondment's timeline (detail `{ talkId, title }`, date = the talk's day),
 * kept in step with the talk in the same transaction: moved when the talk moves, removed with the
 * secondee or the talk.
 */

/** PATCH body: any subset of the talk's fields (a full talkBody works too). */
export const updateTalkBody = z.strictObject({
  date: isoDate.optional(),
  title: text(100).optional(),
  location: text(100).nullable().optional(),
  participants: multilineText(500).optional(),
  notes: multilineText(5000).optional(),
  secondmentIds: z.array(z.uuid()).max(500).optional(),
});
export type UpdateTalkBody = z.infer<typeof updateTalkBody>;

type TalkRow = typeof exchangeTalks.$inferSelect;

/** Talks as views (secondees by name, the author's display name), in the order of `rows`. */
async function talkViews(exec: Executor, rows: TalkRow[]): Promise<TalkView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [secondees, authors] = await Promise.all([
    exec
      .select({
        talkId: exchangeTalkSecondments.talkId,
        secondmentId: exchangeTalkSecondments.secondmentId,
        personName: people.name,
      })
      .from(exchangeTalkSecondments)
      .innerJoin(secondments, eq(secondments.id, exchangeTalkSecondments.secondmentId))
      .innerJoin(people, eq(people.id, secondments.personId))
      .where(inArray(exchangeTalkSecondments.talkId, ids))
      .orderBy(asc(people.namePinyin), asc(secondments.id)),
    exec
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((r) => r.createdBy))])),
  ]);
  const authorName = new Map(authors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnershipId,
    date: r.date,
    title: r.title,
    location: r.location,
    participants: r.participants,
    notes: r.notes,
    secondees: secondees
      .filter((s) => s.talkId === r.id)
      .map((s) => ({ secondmentId: s.secondmentId, personName: s.personName })),
    createdBy: authorName.get(r.createdBy) ?? '',
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The pairing's talks, newest first. */
export async function listTalks(exec: Executor, partnershipId: string): Promise<TalkView[]> {
  const rows = await exec
    .select()
    .from(exchangeTalks)
    .where(eq(exchangeTalks.partnershipId, partnershipId))
    .orderBy(desc(exchangeTalks.date), desc(exchangeTalks.createdAt));
  return talkViews(exec, rows);
}

/** The talks a secondment's secondee took part in, newest first (for the secondment's page). */
export async function talksOfSecondment(exec: Executor, secondmentId: string): Promise<TalkView[]> {
  const rows = await exec
    .select({ talk: exchangeTalks })
    .from(exchangeTalks)
    .innerJoin(exchangeTalkSecondments, eq(exchangeTalkSecondments.talkId, exchangeTalks.id))
    .where(eq(exchangeTalkSecondments.secondmentId, secondmentId))
    .orderBy(desc(exchangeTalks.date), desc(exchangeTalks.createdAt));
  return talkViews(
    exec,
    rows.map((r) => r.talk),
  );
}

/** Every id must be a secondment of this pairing (400 `secondmentIds` otherwise). */
async function checkSecondees(tx: Tx, partnershipId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: secondments.id })
    .from(secondments)
    .where(and(inArray(secondments.id, ids), eq(secondments.partnershipId, partnershipId)));
  if (found.length !== ids.length)
    throw AppError.field('VALIDATION_FAILED', 'secondmentIds', 'secondment_not_in_partnership');
}

const talkEventsOf = (talkId: string): SQL =>
  and(eq(secondmentEvents.kind, 'talk'), sql`${secondmentEvents.detail}->>'talkId' = ${talkId}`) as SQL;

async function addTalkEvents(tx: Tx, ctx: RequestContext, talk: TalkRow, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.insert(secondmentEvents).values(
    ids.map((secondmentId) => ({
      secondmentId,
      kind: 'talk',
      date: talk.date,
      detail: { talkId: talk.id, title: talk.title },
      actorId: ctx.actor?.id ?? null,
    })),
  );
}

async function loadTalk(tx: Tx, partnershipId: string, talkId: string): Promise<TalkRow> {
  const [row] = await tx
    .select()
    .from(exchangeTalks)
    .where(and(eq(exchangeTalks.id, talkId), eq(exchangeTalks.partnershipId, partnershipId)))
    .for('update');
  if (!row) throw AppError.notFound();
  return row;
}

async function talkSecondees(tx: Tx, talkId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: exchangeTalkSecondments.secondmentId })
    .from(exchangeTalkSecondments)
    .where(eq(exchangeTalkSecondments.talkId, talkId));
  return rows.map((r) => r.id);
}

/** Records a talk with its secondees (secondments of this pairing), their timeline events, audited. */
export async function createTalk(
  tx: Tx,
  ctx: RequestContext,
  partnership: PartnershipRow,
  body: TalkBody,
): Promise<TalkView> {
  const actor = requireActor(ctx.actor);
  const ids = [...new Set(body.secondmentIds)];
  await checkSecondees(tx, partnership.id, ids);
  const [talk] = await tx
    .insert(exchangeTalks)
    .values({
      partnershipId: partnership.id,
      date: body.date,
      title: body.title,
      location: body.location,
      participants: body.participants,
      notes: body.notes,
      createdBy: actor.id,
    })
    .returning();
  if (!talk) throw new Error('talk not inserted');
  if (ids.length > 0)
    await tx
      .insert(exchangeTalkSecondments)
      .values(ids.map((secondmentId) => ({ talkId: talk.id, secondmentId })));
  await addTalkEvents(tx, ctx, talk, ids);
  await recordAudit(tx, ctx, {
    action: 'partnership.talk.create',
    entityType: 'exchange_talk',
    entityId: talk.id,
    changes: { ...body, secondmentIds: ids },
    detail: { partnershipId: partnership.id },
  });
  const [view] = await talkViews(tx, [talk]);
  if (!view) throw AppError.notFound();
  return view;
}

/** Edits a talk (locked); secondees added or removed move their timeline events with them. */
export async function updateTalk(
  tx: Tx,
  ctx: RequestContext,
  partnership: PartnershipRow,
  talkId: string,
  body: UpdateTalkBody,
): Promise<TalkView> {
  const before = await loadTalk(tx, partnership.id, talkId);
  const { secondmentIds, ...fields } = body;
  const [talk] = await tx
    .update(exchangeTalks)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(exchangeTalks.id, talkId))
    .returning();
  if (!talk) throw AppError.notFound();

  const current = await talkSecondees(tx, talkId);
  let added: string[] = [];
  let removed: string[] = [];
  if (secondmentIds) {
    const wanted = [...new Set(secondmentIds)];
    await checkSecondees(tx, partnership.id, wanted);
    added = wanted.filter((id) => !current.includes(id));
    removed = current.filter((id) => !wanted.includes(id));
    if (removed.length > 0) {
      await tx
        .delete(exchangeTalkSecondments)
        .where(
          and(
            eq(exchangeTalkSecondments.talkId, talkId),
            inArray(exchangeTalkSecondments.secondmentId, removed),
          ),
        );
      await tx
        .delete(secondmentEvents)
        .where(and(talkEventsOf(talkId), inArray(secondmentEvents.secondmentId, removed)));
    }
    if (added.length > 0)
      await tx
        .insert(exchangeTalkSecondments)
        .values(added.map((secondmentId) => ({ talkId, secondmentId })));
  }
  if (talk.date !== before.date || talk.title !== before.title)
    await tx
      .update(secondmentEvents)
      .set({ date: talk.date, detail: { talkId, title: talk.title } })
      .where(talkEventsOf(talkId));
  await addTalkEvents(tx, ctx, talk, added);

  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const old = before[k as keyof TalkRow];
    if (v !== old) changes[k] = [old ?? null, v ?? null];
  }
  if (added.length > 0 || removed.length > 0) changes.secondmentIds = { added, removed };
  await recordAudit(tx, ctx, {
    action: 'partnership.talk.update',
    entityType: 'exchange_talk',
    entityId: talkId,
    changes,
    detail: { partnershipId: partnership.id },
  });
  const [view] = await talkViews(tx, [talk]);
  if (!view) throw AppError.notFound();
  return view;
}

/** Deletes a talk with its secondees' `talk` events, audited. */
export async function deleteTalk(
  tx: Tx,
  ctx: RequestContext,
  partnership: PartnershipRow,
  talkId: string,
): Promise<void> {
  const talk = await loadTalk(tx, partnership.id, talkId);
  const secondees = await talkSecondees(tx, talkId);
  await tx.delete(secondmentEvents).where(talkEventsOf(talkId));
  await tx.delete(exchangeTalks).where(eq(exchangeTalks.id, talkId));
  await recordAudit(tx, ctx, {
    action: 'partnership.talk.delete',
    entityType: 'exchange_talk',
    entityId: talkId,
    changes: { date: talk.date, title: talk.title, secondmentIds: secondees },
    detail: { partnershipId: partnership.id },
  });
}

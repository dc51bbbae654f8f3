import {
  type BoardSettingsBody,
  type BoardView,
  boardIsOpen,
  type ClassQuestionsView,
  type ModerateBody,
  type PostQuestionBody,
  QUESTION_RATE_PER_MINUTE,
  type QuestionStatus,
  type QuestionView,
  questionTransition,
  VOTE_RATE_PER_MINUTE,
  voteProblem,
} from '@ganxun/domain';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { classSessions, questionBoards, questionVotes, sessionQuestions } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { LiveHub } from '../../platform/live.js';
import { RosterCache } from '../attendance/roster-cache.js';
import type { ClassService } from '../classes/service.js';
import { rowsOf } from '../quotas/holders.js';
import { BoardCache } from './board-cache.js';
import { BoardKeys, type BoardReader, boardReader, requireModerator, requireParticipant } from './policy.js';
import { boardFor, type QuestionRow, questionViewOf } from './read.js';
import { type BoardChange, BoardStreams, boardTopic } from './streams.js';
import { insertQuestion, insertVote, LocalRate, type RateCount } from './writes.js';
import { questionsWorkbook } from './xlsx.js';

export interface QuestionServiceDeps {
  db: Db;
  classes: ClassService;
  hub: LiveHub;
  secretKey: Buffer;
}

/** Classes whose boards take nothing (a cancelled class, one not yet published). */
const SILENT_CLASS_STATUSES = new Set(['draft', 'cancelled']);

/**
 * Live questions (互动答疑, issue 10): a board per timetable item where participants post and vote,
 * moderators approve, merge, hide and mark answers, and every open stream — in any server process —
 * sees each change within a fraction of a second (streams.ts).
 */
export class QuestionService {
  readonly streams: BoardStreams;
  readonly keys: BoardKeys;
  private readonly roster: RosterCache;
  private readonly boards: BoardCache;
  /** Rate limits in memory on the embedded database (one process), else the shared rows. */
  private readonly rate: RateCount;
  /** The time boards open and close by (tests set it). */
  clock: () => Date = () => new Date();

  constructor(private readonly deps: QuestionServiceDeps) {
    this.keys = new BoardKeys(deps.secretKey);
    this.roster = new RosterCache(deps.db);
    this.boards = new BoardCache(deps.db, deps.classes);
    this.rate = deps.hub.singleProcess ? { local: new LocalRate() } : null;
    this.streams = new BoardStreams(deps.db, deps.hub, () => this.clock());
  }

  private get db(): Db {
    return this.deps.db;
  }

  /** The reader of a class item's board (404 / 403 as boardReader says). */
  async reader(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    invite?: string,
  ): Promise<BoardReader> {
    return boardReader(
      { classes: this.deps.classes, roster: this.roster, keys: this.keys },
      ctx,
      await this.boards.get(classId, sessionId),
      invite,
    );
  }

  /** The reader's view of the board; moderators get the invitation token when viewers are let in. */
  viewerOf(reader: BoardReader) {
    return {
      hash: reader.hash,
      moderator: reader.moderator,
      participant: reader.participant,
      invite: reader.moderator && reader.board.viewers ? this.keys.invite(reader.session.id) : null,
    };
  }

  async board(ctx: RequestContext, classId: string, sessionId: string, invite?: string): Promise<BoardView> {
    const reader = await this.reader(ctx, classId, sessionId, invite);
    return boardFor(this.db, reader.session, reader.board, this.viewerOf(reader), this.clock());
  }

  private publish(exec: Executor, sessionId: string, change: BoardChange): Promise<void> {
    return this.deps.hub.publish(exec, boardTopic(sessionId), change);
  }

  /** Is the board of a live class, and is its item within its auto-mode window now? */
  private windowOf(reader: BoardReader): { live: boolean; autoOpen: boolean } {
    return {
      live: !SILENT_CLASS_STATUSES.has(reader.record.status),
      autoOpen: boardIsOpen('auto', reader.session, this.clock()),
    };
  }

  private rateLimited(path: string, message: string, limit: number): AppError {
    return new AppError('RATE_LIMITED', { fields: [{ path, key: message, x: limit }] });
  }

  /** A participant posts a question: shown at once, or after approval when the board is moderated. */
  async post(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    invite: string | undefined,
    body: PostQuestionBody,
  ): Promise<QuestionView> {
    const reader = await this.reader(ctx, classId, sessionId, invite);
    requireParticipant(reader, 'text');
    const { live, autoOpen } = this.windowOf(reader);
    if (!live) throw AppError.field('CONFLICT', 'text', 'board_closed');
    // One statement: the board's settings as they are now, the rate limit, the row and the NOTIFY.
    const outcome = await insertQuestion(
      this.db,
      {
        sessionId,
        classId,
        authorHash: reader.hash,
        // An anonymous question keeps no trace of its author but the board pseudonym.
        authorUserId: body.anonymous ? null : reader.actor.id,
        authorName: body.anonymous ? null : reader.name,
        anonymous: body.anonymous,
        text: body.text,
        autoOpen,
      },
      this.rate,
    );
    if ('refused' in outcome) {
      if (outcome.refused === 'board_closed') throw AppError.field('CONFLICT', 'text', 'board_closed');
      if (outcome.refused === 'anonymous_not_allowed')
        throw AppError.field('VALIDATION_FAILED', 'anonymous', 'anonymous_not_allowed');
      throw this.rateLimited('text', 'question_rate', QUESTION_RATE_PER_MINUTE);
    }
    return questionViewOf(reader, outcome.row, false);
  }

  private async question(exec: Executor, sessionId: string, id: string, lock = false): Promise<QuestionRow> {
    const query = exec
      .select()
      .from(sessionQuestions)
      .where(and(eq(sessionQuestions.id, id), eq(sessionQuestions.sessionId, sessionId)));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw AppError.notFound();
    return row;
  }

  /** One vote per participant and question, never on their own (a second is 409, never a second row). */
  async vote(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    questionId: string,
    invite: string | undefined,
  ): Promise<QuestionView> {
    const reader = await this.reader(ctx, classId, sessionId, invite);
    requireParticipant(reader, 'questionId');
    const { live, autoOpen } = this.windowOf(reader);
    if (!live) throw AppError.field('CONFLICT', 'questionId', 'board_closed');
    // One statement: the checks on the question as it is now, the rate limit, the vote row, the
    // counter and the NOTIFY (writes.ts).
    const outcome = await insertVote(
      this.db,
      {
        sessionId,
        questionId,
        voterHash: reader.hash,
        autoOpen,
      },
      this.rate,
    );
    if (!outcome.found) throw AppError.notFound();
    if (outcome.row) return questionViewOf(reader, outcome.row, true);
    const { own, already, status, open } = outcome.found;
    const problem = voteProblem({ own, already, status: status as QuestionStatus, boardOpen: open });
    if (problem) throw AppError.field('CONFLICT', 'questionId', problem);
    if (outcome.limited) throw this.rateLimited('questionId', 'vote_rate', VOTE_RATE_PER_MINUTE);
    // Counted by no one: another request of the same person voted at the same moment.
    throw AppError.field('CONFLICT', 'questionId', 'already_voted');
  }

  /** A moderator's decision on a question (approve, answering, answered, answer in writing, hide, merge, reopen). */
  async moderate(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    questionId: string,
    body: ModerateBody,
  ): Promise<QuestionView> {
    const reader = await this.reader(ctx, classId, sessionId);
    requireModerator(reader);
    const row = await this.db.transaction(async (tx) => {
      const current = await this.question(tx, sessionId, questionId, true);
      const next = questionTransition(current.status as QuestionStatus, body.action);
      if (!next) throw AppError.field('CONFLICT', 'action', 'question_transition', current.status);
      const changed = [questionId];
      const decided = { decidedBy: reader.actor.id, decidedAt: this.clock() };
      if (body.action === 'merge') {
        const targetId = body.mergeInto ?? '';
        const [target] = await tx
          .select()
          .from(sessionQuestions)
          .where(and(eq(sessionQuestions.id, targetId), eq(sessionQuestions.sessionId, sessionId)))
          .for('update');
        if (!target || target.id === questionId || ['hidden', 'merged'].includes(target.status))
          throw AppError.field('VALIDATION_FAILED', 'mergeInto', 'merge_target_invalid');
        // The duplicate's voters (and its author) now back the question it duplicates, once each.
        await tx.execute(sql`
          insert into ${questionVotes} (question_id, voter_hash)
          select ${targetId}::uuid, h from (
            select voter_hash as h from ${questionVotes} where question_id = ${questionId}::uuid
            union select ${current.authorHash}
          ) s
          where h <> ${target.authorHash}
          on conflict do nothing`);
        await tx
          .update(sessionQuestions)
          .set({
            votes: sql`(select count(*)::int from ${questionVotes} where question_id = ${targetId}::uuid)`,
          })
          .where(eq(sessionQuestions.id, targetId));
        changed.push(targetId);
      }
      if (body.action === 'answering') {
        // One question is being answered at a time: the previous one is answered now.
        const previous = await tx
          .update(sessionQuestions)
          .set({ status: 'answered', ...decided })
          .where(
            and(
              eq(sessionQuestions.sessionId, sessionId),
              eq(sessionQuestions.status, 'answering'),
              ne(sessionQuestions.id, questionId),
            ),
          )
          .returning({ id: sessionQuestions.id });
        changed.push(...previous.map((p) => p.id));
      }
      const [updated] = await tx
        .update(sessionQuestions)
        .set({
          status: next,
          ...decided,
          ...(body.action === 'answer_in_writing' ? { answer: body.answer ?? null } : {}),
          ...(body.action === 'hide' ? { hiddenReason: body.reason ?? null } : {}),
          ...(body.action === 'merge' ? { mergedInto: body.mergeInto ?? null } : {}),
          ...(body.action === 'reopen' || body.action === 'approve'
            ? { hiddenReason: null, answer: null }
            : {}),
        })
        .where(eq(sessionQuestions.id, questionId))
        .returning();
      if (!updated) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: `question.${body.action}`,
        entityType: 'session_question',
        entityId: questionId,
        changes: { status: [current.status, next] },
        detail: {
          classId,
          sessionId,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.mergeInto ? { mergeInto: body.mergeInto } : {}),
        },
      });
      await this.publish(tx, sessionId, { q: changed });
      return updated;
    });
    const [vote] = await this.db
      .select({ q: questionVotes.questionId })
      .from(questionVotes)
      .where(and(eq(questionVotes.questionId, questionId), eq(questionVotes.voterHash, reader.hash)));
    return questionViewOf(reader, row, !!vote);
  }

  /** Opening and closing by hand (or back to `auto`), moderation, viewers, anonymity. */
  async updateSettings(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    body: BoardSettingsBody,
  ): Promise<BoardView> {
    const reader = await this.reader(ctx, classId, sessionId);
    requireModerator(reader);
    const next = { ...reader.board, ...body };
    await this.db.transaction(async (tx) => {
      await tx
        .insert(questionBoards)
        .values({ sessionId, ...next, updatedBy: reader.actor.id, updatedAt: this.clock() })
        .onConflictDoUpdate({
          target: questionBoards.sessionId,
          set: { ...next, updatedBy: reader.actor.id, updatedAt: this.clock() },
        });
      const change: BoardChange = { board: true };
      if (reader.board.moderation && !next.moderation) {
        // Moderation turned off: what waited for approval is shown now.
        const released = await tx
          .update(sessionQuestions)
          .set({ status: 'open' })
          .where(and(eq(sessionQuestions.sessionId, sessionId), eq(sessionQuestions.status, 'pending')))
          .returning({ id: sessionQuestions.id });
        change.q = released.map((r) => r.id);
      }
      const changes = Object.fromEntries(
        Object.entries(body)
          .filter(([k, v]) => reader.board[k as keyof typeof reader.board] !== v)
          .map(([k, v]) => [k, [reader.board[k as keyof typeof reader.board], v]]),
      );
      await recordAudit(tx, ctx, {
        action: 'question.board.update',
        entityType: 'class_session',
        entityId: sessionId,
        changes,
        detail: { classId },
      });
      await this.publish(tx, sessionId, change);
    });
    this.boards.forget(classId, sessionId);
    return boardFor(this.db, reader.session, next, this.viewerOf({ ...reader, board: next }), this.clock());
  }

  /** Questions and the share answered per item of the class (hidden and merged ones do not count). */
  async classFigures(ctx: RequestContext, classId: string): Promise<ClassQuestionsView> {
    await this.deps.classes.requireRead(ctx, classId);
    return classFigures(this.db, classId);
  }

  /** All questions of the class (or of one item) with votes and answers, as a workbook. */
  async workbook(ctx: RequestContext, classId: string, sessionId?: string): Promise<Buffer> {
    const record = await this.deps.classes.requireRun(ctx, classId, 'moderate');
    const rows = await this.db
      .select({
        sessionTitle: classSessions.title,
        startsAt: classSessions.startsAt,
        text: sessionQuestions.text,
        anonymous: sessionQuestions.anonymous,
        authorName: sessionQuestions.authorName,
        status: sessionQuestions.status,
        votes: sessionQuestions.votes,
        answer: sessionQuestions.answer,
        hiddenReason: sessionQuestions.hiddenReason,
        createdAt: sessionQuestions.createdAt,
      })
      .from(sessionQuestions)
      .innerJoin(classSessions, eq(classSessions.id, sessionQuestions.sessionId))
      .where(
        and(
          eq(sessionQuestions.classId, classId),
          sessionId ? eq(sessionQuestions.sessionId, sessionId) : undefined,
        ),
      )
      .orderBy(
        asc(classSessions.startsAt),
        sql`${sessionQuestions.votes} desc`,
        asc(sessionQuestions.createdAt),
      );
    return questionsWorkbook(record.name, rows, await classFigures(this.db, classId));
  }
}

/** Per item: questions (hidden and merged ones not counted), answered, votes. */
export async function classFigures(exec: Executor, classId: string): Promise<ClassQuestionsView> {
  const rows = rowsOf<{
    session_id: string;
    title: string;
    starts_at: Date | string;
    questions: number;
    answered: number;
    votes: number;
  }>(
    await exec.execute(sql`
    select s.id as session_id, s.title, s.starts_at,
      count(q.id) filter (where q.status not in ('hidden', 'merged'))::int as questions,
      count(q.id) filter (where q.status in ('answered', 'answered_in_writing'))::int as answered,
      coalesce(sum(q.votes) filter (where q.status not in ('hidden', 'merged')), 0)::int as votes
    from ${classSessions} s
    join ${sessionQuestions} q on q.session_id = s.id
    where s.class_id = ${classId}::uuid
    group by s.id
    order by s.starts_at, s.id`),
  );
  const share = (a: number, q: number) => (q > 0 ? a / q : null);
  const items = rows.map((r) => ({
    sessionId: r.session_id,
    title: r.title,
    startsAt: new Date(r.starts_at).toISOString(),
    questions: Number(r.questions),
    answered: Number(r.answered),
    answeredShare: share(Number(r.answered), Number(r.questions)),
    votes: Number(r.votes),
  }));
  const sum = (k: 'questions' | 'answered' | 'votes') => items.reduce((s, i) => s + i[k], 0);
  return {
    items,
    totals: {
      questions: sum('questions'),
      answered: sum('answered'),
      answeredShare: share(sum('answered'), sum('questions')),
      votes: sum('votes'),
    },
  };
}

import { QUESTION_RATE_PER_MINUTE, VOTE_RATE_PER_MINUTE } from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import { runPrepared, type Statement } from '../../db/prepared.js';
import { LiveHub } from '../../platform/live.js';
import { DEFAULT_BOARD, type QuestionRow } from './read.js';
import { boardTopic } from './streams.js';

/**
 * A post and a vote are each ONE prepared statement (data-modifying CTEs): the board's current
 * settings, the person's rate limit, the insert, the vote counter and the NOTIFY of the change. In
 * a hall of 300 phones the round trips and the planning were the cost, not the work: a vote took
 * eleven statements, five of them its transaction. The statement commits on its own, so the
 * notification still leaves only with the data.
 *
 * The settings are read here, not from the board cache, so a board closed or moderated a moment ago
 * (in any process) is obeyed at once; `autoOpen` is the item's own time window (boardIsOpen in auto
 * mode), which the caller computes from the cached item. The rate limit is the shared
 * `rate_limits` row (counted as platform/rate-limit.ts does, one fixed minute), or on the embedded
 * database a count in memory (`LocalRate`), passed in.
 */

/**
 * Rate limits of one process (the embedded database is one process's, data-dir lock): a counter in
 * memory instead of a row written on every post and vote, with the same fixed one-minute window.
 */
export class LocalRate {
  private readonly hits = new Map<string, { start: number; count: number }>();

  /** Counts a hit and returns the hits in the window. */
  take(key: string, now = Date.now()): number {
    let hit = this.hits.get(key);
    if (!hit || now - hit.start >= 60_000) {
      if (this.hits.size >= 100_000) {
        for (const [k, h] of this.hits) if (now - h.start >= 60_000) this.hits.delete(k);
      }
      hit = { start: now, count: 0 };
      this.hits.set(key, hit);
    }
    hit.count++;
    return hit.count;
  }

  /** Takes back a hit the write did not count (the board was closed, the vote refused). */
  release(key: string): void {
    const hit = this.hits.get(key);
    if (hit && hit.count > 0) hit.count--;
  }
}

/** Where rate limits are counted: the shared `rate_limits` rows, or this process alone. */
export type RateCount = { local: LocalRate } | null;

/**
 * The rate-limit hit as a CTE `hit(n)`: one more on the person's row when `when` holds, or the
 * count taken in memory (parameter `local`). Both variants reference both parameters.
 */
function rateHit(when: string, key: string, local: string, inMemory: boolean): string {
  if (inMemory) return `select ${local}::int as n from ok where ${when} and ${key}::text is not null`;
  const expired = "rate_limits.window_start < now() - interval '60 seconds'";
  return `insert into rate_limits (key, window_start, count)
      select ${key}::text, now(), 1 from ok where ${when} and ${local}::int is null
      on conflict (key) do update set
        count = case when ${expired} then 1 else rate_limits.count + 1 end,
        window_start = case when ${expired} then now() else rate_limits.window_start end
      returning rate_limits.count as n`;
}

/** The board's mode and settings, its defaults when never configured (one row either way). */
const BOARD = `select coalesce(max(mode), '${DEFAULT_BOARD.mode}') as mode,
      coalesce(bool_or(moderation), ${DEFAULT_BOARD.moderation}) as moderation,
      coalesce(bool_or(anonymous_allowed), ${DEFAULT_BOARD.anonymousAllowed}) as anonymous_allowed
    from question_boards where session_id = $1::uuid`;

const postStatement = (inMemory: boolean): Statement => ({
  name: `gx_question_post_${inMemory ? 'local' : 'shared'}`,
  // $1 session, $2 class, $3 author hash, $4 author user, $5 author name, $6 anonymous, $7 text,
  // $8 auto-mode window open, $9 rate key, $10 hits counted in memory, $11 topic
  types: ['uuid', 'uuid', 'text', 'uuid', 'text', 'boolean', 'text', 'boolean', 'text', 'int', 'text'],
  text: `with b as (${BOARD}),
    ok as (
      select b.moderation, (b.mode = 'open' or (b.mode = 'auto' and $8::boolean)) as open,
        (not $6::boolean or b.anonymous_allowed) as anonymous_ok
      from b
    ),
    hit as (${rateHit('ok.open and ok.anonymous_ok', '$9', '$10', inMemory)}),
    ins as (
      insert into session_questions
        (session_id, class_id, author_hash, author_user_id, author_name, anonymous, text, status)
      select $1::uuid, $2::uuid, $3::text, $4::uuid, $5::text, $6::boolean, $7::text, case when ok.moderation then 'pending' else 'open' end
      from ok where (select n from hit) <= ${QUESTION_RATE_PER_MINUTE}
      returning *
    ),
    sent as (select ${LiveHub.notifyText('$11::text', "json_build_object('q', json_build_array(ins.id))")} from ins)
    select ok.open as ok_open, ok.anonymous_ok as ok_anonymous, (select count(*) from sent)::int as ok_sent, ins.*
    from ok left join ins on true`,
});

const voteStatement = (inMemory: boolean): Statement => ({
  name: `gx_question_vote_${inMemory ? 'local' : 'shared'}`,
  // $1 session, $2 question, $3 voter hash, $4 auto-mode window open, $5 rate key,
  // $6 hits counted in memory, $7 topic
  types: ['uuid', 'uuid', 'text', 'boolean', 'text', 'int', 'text'],
  text: `with b as (${BOARD}),
    ok as (
      select q.id as q_id, q.status as q_status, q.author_hash = $3::text as q_own,
        exists (select 1 from question_votes x where x.question_id = q.id and x.voter_hash = $3::text) as q_already,
        (b.mode = 'open' or (b.mode = 'auto' and $4::boolean)) as q_open
      from session_questions q, b
      where q.id = $2::uuid and q.session_id = $1::uuid
    ),
    hit as (${rateHit("ok.q_open and not ok.q_own and ok.q_status in ('open', 'answering') and not ok.q_already", '$5', '$6', inMemory)}),
    ins as (
      insert into question_votes (question_id, voter_hash)
      select ok.q_id, $3::text from ok where (select n from hit) <= ${VOTE_RATE_PER_MINUTE}
      on conflict do nothing
      returning question_id
    ),
    upd as (
      update session_questions set votes = votes + 1
      where id = (select question_id from ins)
      returning *
    ),
    sent as (select ${LiveHub.notifyText('$7::text', "json_build_object('v', json_build_array(upd.id), 'h', $3::text)")} from upd)
    select ok.q_status, ok.q_own, ok.q_already, ok.q_open, (select n from hit) as q_hits,
      (select count(*) from sent)::int as q_sent, upd.*
    from ok left join upd on true`,
});

const STATEMENTS = {
  post: { shared: postStatement(false), local: postStatement(true) },
  vote: { shared: voteStatement(false), local: voteStatement(true) },
};

/** A `session_questions` row as the database returns it to a raw statement. */
export function questionRowOf(r: Record<string, unknown>): QuestionRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
  return {
    id: r.id as string,
    sessionId: r.session_id as string,
    classId: r.class_id as string,
    authorHash: r.author_hash as string,
    authorUserId: (r.author_user_id as string | null) ?? null,
    authorName: (r.author_name as string | null) ?? null,
    anonymous: r.anonymous as boolean,
    text: r.text as string,
    status: r.status as QuestionRow['status'],
    votes: Number(r.votes),
    mergedInto: (r.merged_into as string | null) ?? null,
    answer: (r.answer as string | null) ?? null,
    hiddenReason: (r.hidden_reason as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: date(r.decided_at),
    createdAt: date(r.created_at) as Date,
  };
}

export interface NewQuestion {
  sessionId: string;
  classId: string;
  authorHash: string;
  authorUserId: string | null;
  authorName: string | null;
  anonymous: boolean;
  text: string;
  /** Is the item within its auto-mode window now? */
  autoOpen: boolean;
}

/** Why a post was refused (first failing check), or the stored question. */
export type PostOutcome =
  | { row: QuestionRow }
  | { refused: 'board_closed' | 'anonymous_not_allowed' | 'question_rate' };

export async function insertQuestion(db: Db, q: NewQuestion, rate: RateCount): Promise<PostOutcome> {
  const key = `question:${q.authorHash}`;
  const local = rate ? rate.local.take(key) : null;
  const [r] = await runPrepared(db, !!rate, rate ? STATEMENTS.post.local : STATEMENTS.post.shared, [
    q.sessionId,
    q.classId,
    q.authorHash,
    q.authorUserId,
    q.authorName,
    q.anonymous,
    q.text,
    q.autoOpen,
    key,
    local,
    boardTopic(q.sessionId),
  ]);
  if (!r) throw new Error('question insert returned nothing');
  if (!r.ok_open || !r.ok_anonymous) rate?.local.release(key);
  if (!r.ok_open) return { refused: 'board_closed' };
  if (!r.ok_anonymous) return { refused: 'anonymous_not_allowed' };
  if (r.id === null || r.id === undefined) return { refused: 'question_rate' };
  return { row: questionRowOf(r) };
}

export interface NewVote {
  sessionId: string;
  questionId: string;
  voterHash: string;
  autoOpen: boolean;
}

/** The question as the vote found it (null: no such question on the board), and the counted row. */
export interface VoteOutcome {
  found: { status: string; own: boolean; already: boolean; open: boolean } | null;
  /** The rate limit refused the vote. */
  limited: boolean;
  row: QuestionRow | null;
}

export async function insertVote(db: Db, v: NewVote, rate: RateCount): Promise<VoteOutcome> {
  const key = `vote:${v.voterHash}`;
  const local = rate ? rate.local.take(key) : null;
  const [r] = await runPrepared(db, !!rate, rate ? STATEMENTS.vote.local : STATEMENTS.vote.shared, [
    v.sessionId,
    v.questionId,
    v.voterHash,
    v.autoOpen,
    key,
    local,
    boardTopic(v.sessionId),
  ]);
  if (!r) {
    rate?.local.release(key);
    return { found: null, limited: false, row: null };
  }
  const found = {
    status: r.q_status as string,
    own: !!r.q_own,
    already: !!r.q_already,
    open: !!r.q_open,
  };
  const counted = r.id !== null && r.id !== undefined;
  const hits = r.q_hits === null || r.q_hits === undefined ? null : Number(r.q_hits);
  if (hits === null) rate?.local.release(key);
  return {
    found,
    limited: !counted && hits !== null && hits > VOTE_RATE_PER_MINUTE,
    row: counted ? questionRowOf(r) : null,
  };
}

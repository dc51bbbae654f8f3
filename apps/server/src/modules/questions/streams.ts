import type { BoardEvent, QuestionView } from '@ganxun/domain';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessionQuestions } from '../../db/schema/index.js';
import type { LiveEvent, LiveHub } from '../../platform/live.js';
import {
  type BoardRow,
  boardFor,
  boardOf,
  questionViewOf,
  type SessionRow,
  settingsView,
  type Viewer,
  visibleTo,
  votedBy,
} from './read.js';

/**
 * What a write publishes on a board's topic: the questions it changed (`q`), a question whose vote
 * count alone changed with the voter's per-board pseudonym (`v`, `h`: a vote), or that the settings
 * did (`board`).
 */
export interface BoardChange {
  q?: string[];
  v?: string[];
  h?: string;
  board?: true;
}

export const boardTopic = (sessionId: string) => `questions:${sessionId}`;

/** An event as the stream carries it (text/event-stream). */
export const eventFrame = (event: BoardEvent): string =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** One open event stream: a reader of a board in this process. */
export interface BoardStream {
  viewer: Viewer & { invite: string | null; participant: boolean };
  /** Writes one event frame (eventFrame). */
  write(frame: string): void;
  /** Ends the stream (the server is closing). */
  end(): void;
}

/** Changes arriving within this window go out together (one query for every stream of the board). */
export const COALESCE_MS = 100;

/**
 * The event streams of one board in this process. Changes published by any process arrive through
 * the live hub; they are gathered for `COALESCE_MS`, then the changed questions are read once and
 * sent to each stream in its reader's view (a question the reader may no longer see goes out as
 * `removed`). Snapshots for new streams and flushes run one after another on one chain, so a
 * stream never receives an older state after a newer one.
 */
class BoardChannel {
  readonly streams = new Set<BoardStream>();
  private changed = new Set<string>();
  /** Questions voted on in the window, with their voters' pseudonyms. */
  private voted = new Map<string, Set<string>>();
  private settingsChanged = false;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  unsubscribe: (() => void) | null = null;
  /** Resolves once the channel listens (a snapshot taken before would miss what happens meanwhile). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Executor,
    private readonly session: SessionRow,
    private readonly clock: () => Date,
  ) {}

  enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => {});
    return run;
  }

  receive(event: LiveEvent): void {
    if (event.type === 'reset') {
      // Messages may have been lost while the listening connection was down: everyone starts over.
      this.enqueue(() => this.snapshotAll());
      return;
    }
    const change = event.data as BoardChange;
    for (const id of change.q ?? []) this.changed.add(id);
    for (const id of change.v ?? []) {
      const voters = this.voted.get(id) ?? new Set<string>();
      if (change.h) voters.add(change.h);
      this.voted.set(id, voters);
    }
    if (change.board) this.settingsChanged = true;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.enqueue(() => this.flush());
      }, COALESCE_MS);
    }
  }

  async snapshot(stream: BoardStream): Promise<void> {
    const board = await boardOf(this.db, this.session.id);
    stream.write(
      eventFrame({
        type: 'snapshot',
        board: await boardFor(this.db, this.session, board, stream.viewer, this.clock()),
      }),
    );
  }

  private async snapshotAll(): Promise<void> {
    for (const stream of this.streams) await this.snapshot(stream);
  }

  private async flush(): Promise<void> {
    const ids = [...this.changed];
    const votedNow = this.voted;
    const settings = this.settingsChanged;
    this.changed = new Set();
    this.voted = new Map();
    this.settingsChanged = false;
    if (this.streams.size === 0) return;
    if (settings) {
      const board: BoardRow = await boardOf(this.db, this.session.id);
      const frame = eventFrame({ type: 'board', settings: settingsView(board, this.session, this.clock()) });
      for (const stream of this.streams) stream.write(frame);
    }
    // Questions only voted on go out as their counts; a question also changed otherwise goes whole.
    const wholeIds = new Set(ids);
    const counted = [...votedNow.keys()].filter((id) => !wholeIds.has(id));
    if (ids.length === 0 && counted.length === 0) return;
    const all = await this.db
      .select()
      .from(sessionQuestions)
      .where(inArray(sessionQuestions.id, [...ids, ...counted]));
    const whole = all.filter((r) => wholeIds.has(r.id));
    const counts = all.filter((r) => !wholeIds.has(r.id));
    const hashes = [...new Set([...this.streams].map((s) => s.viewer.hash))];
    const voted = await votedBy(
      this.db,
      whole.map((r) => r.id),
      hashes,
    );
    const gone = [...ids, ...counted].filter((id) => !all.some((r) => r.id === id));
    const eventFor = (viewer: Viewer, own: string[]): BoardEvent => {
      const questions: QuestionView[] = [];
      const removed = [...gone];
      for (const row of whole) {
        if (visibleTo(viewer, row))
          questions.push(questionViewOf(viewer, row, voted.has(`${row.id}:${viewer.hash}`)));
        else removed.push(row.id);
      }
      const votes = counts.filter((r) => visibleTo(viewer, r)).map((r) => ({ id: r.id, votes: r.votes }));
      return {
        type: 'questions',
        questions,
        removed,
        ...(votes.length > 0 ? { votes } : {}),
        ...(own.length > 0 ? { voted: own } : {}),
      };
    };
    // A reader who neither asked nor voted on any of the questions sent whole, and did not vote
    // meanwhile, sees exactly what every such reader sees (moderators one version, the others
    // another): one serialisation each, not one per stream (300 phones in a hall).
    const common = new Map<boolean, string>();
    for (const stream of this.streams) {
      const { viewer } = stream;
      const own = counted.filter((id) => votedNow.get(id)?.has(viewer.hash));
      const personal =
        own.length > 0 ||
        whole.some((r) => r.authorHash === viewer.hash || voted.has(`${r.id}:${viewer.hash}`));
      if (personal) {
        stream.write(eventFrame(eventFor(viewer, own)));
        continue;
      }
      let frame = common.get(viewer.moderator);
      if (frame === undefined) {
        frame = eventFrame(eventFor({ hash: '', moderator: viewer.moderator }, []));
        common.set(viewer.moderator, frame);
      }
      stream.write(frame);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}

/** The board channels of this process, one per board with at least one open stream. */
export class BoardStreams {
  private readonly channels = new Map<string, BoardChannel>();

  constructor(
    private readonly db: Executor,
    private readonly hub: LiveHub,
    private readonly clock: () => Date,
  ) {}

  /** Opens a stream: its snapshot first, then the changes. Returns the function that closes it. */
  async open(session: SessionRow, stream: BoardStream): Promise<() => void> {
    let channel = this.channels.get(session.id);
    if (!channel) {
      const created = new BoardChannel(this.db, session, this.clock);
      this.channels.set(session.id, created);
      created.ready = this.hub
        .subscribe(boardTopic(session.id), (e) => created.receive(e))
        .then((unsubscribe) => {
          created.unsubscribe = unsubscribe;
        });
      channel = created;
    }
    const own = channel;
    own.streams.add(stream);
    try {
      await own.ready;
    } catch (error) {
      own.streams.delete(stream);
      if (this.channels.get(session.id) === own) this.channels.delete(session.id);
      throw error;
    }
    await own.enqueue(() => own.snapshot(stream));
    return () => {
      own.streams.delete(stream);
      if (own.streams.size === 0 && this.channels.get(session.id) === own) {
        own.close();
        this.channels.delete(session.id);
      }
    };
  }

  /** Open streams of a board in this process. */
  count(sessionId: string): number {
    return this.channels.get(sessionId)?.streams.size ?? 0;
  }

  close(): void {
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
  }
}

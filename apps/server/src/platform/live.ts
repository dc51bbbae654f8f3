import { type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';

/** The one PostgreSQL channel every process listens on; messages name their topic. */
export const LIVE_CHANNEL = 'ganxun_live';

/** What a listener receives: a message published on its topic, or `reset` (messages may have been lost). */
export type LiveEvent = { type: 'message'; data: unknown } | { type: 'reset' };
export type LiveListener = (event: LiveEvent) => void;

/**
 * Live updates across server processes through PostgreSQL LISTEN/NOTIFY (docs/ARCHITECTURE.md,
 * "Live updates"). A writer publishes on a topic (e.g. `questions:<session id>`) inside its own
 * transaction, so the message leaves only when the change is committed and readers never see a
 * message before the data. Each process keeps one listening connection and fans messages out to
 * the local listeners of their topic (the server-sent-event streams of that process).
 *
 * On the embedded database the same statements run on its single connection: one process, same
 * code path.
 */
export class LiveHub {
  private readonly topics = new Map<string, Set<LiveListener>>();
  private listening: Promise<() => Promise<void>> | null = null;

  constructor(private readonly database: Database) {}

  /**
   * Is every writer in this process? True on the embedded database (one process holds its folder):
   * what would otherwise be shared through rows (rate limits) may then be counted in memory.
   */
  get singleProcess(): boolean {
    return this.database.kind === 'pglite';
  }

  /** The statement that publishes `data` on `topic` when the surrounding transaction commits. */
  notifySql(topic: string, data: unknown): SQL {
    // NOTIFY payloads are limited to 8,000 bytes: publish ids and kinds, never whole records.
    return sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ t: topic, d: data })})`;
  }

  /**
   * The same as SQL text, to publish from inside a statement of fixed text (a prepared statement:
   * the write and its message in one round trip). `topic` and `data` are SQL expressions, the
   * latter of type json.
   */
  static notifyText(topic: string, data: string): string {
    return `pg_notify('${LIVE_CHANNEL}', json_build_object('t', ${topic}, 'd', ${data})::text)`;
  }

  async publish(exec: Executor, topic: string, data: unknown): Promise<void> {
    await exec.execute(this.notifySql(topic, data));
  }

  /** Listens on `topic` until the returned function is called. */
  async subscribe(topic: string, listener: LiveListener): Promise<() => void> {
    await this.start();
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
    }
    set.add(listener);
    return () => {
      const current = this.topics.get(topic);
      current?.delete(listener);
      if (current?.size === 0) this.topics.delete(topic);
    };
  }

  /** Local listeners of a topic (the health and the benchmark read it). */
  listeners(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    const stop = this.listening;
    this.listening = null;
    this.topics.clear();
    if (stop) await (await stop.catch(() => async () => {}))();
  }

  private start(): Promise<() => Promise<void>> {
    if (!this.listening) {
      this.listening = this.database.listen(
        LIVE_CHANNEL,
        (payload) => this.deliver(payload),
        () => this.reset(),
      );
      this.listening.catch(() => {
        this.listening = null;
      });
    }
    return this.listening;
  }

  private deliver(payload: string): void {
    let message: { t?: unknown; d?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof message.t !== 'string') return;
    for (const listener of this.topics.get(message.t) ?? []) {
      try {
        listener({ type: 'message', data: message.d });
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  private reset(): void {
    for (const set of this.topics.values()) {
      for (const listener of set) {
        try {
          listener({ type: 'reset' });
        } catch {
          // As above.
        }
      }
    }
  }
}

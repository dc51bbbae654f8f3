import { getTableColumns, type Table } from 'drizzle-orm';
import type { Db } from './client.js';

/** A statement of fixed text with positional parameters ($1…), planned once per connection. */
export interface Statement {
  name: string;
  text: string;
  /** The parameters' SQL types, in order (PREPARE on the embedded database needs them). */
  types: readonly string[];
}

export type Value = string | number | boolean | null;

interface PgPool {
  query(config: {
    name: string;
    text: string;
    values: Value[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}
interface PgliteClient {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Statements already prepared on each embedded database. */
const preparedOn = new WeakMap<object, Set<string>>();

/** An SQL literal (EXECUTE takes no bound parameters); standard_conforming_strings is on. */
function literal(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers are passed to a prepared statement');
    return String(value);
  }
  if (value.includes('\0')) throw new Error('a NUL character cannot be passed to a prepared statement');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Runs a prepared statement. Planning is most of the cost of a small write with CTEs (on the
 * embedded database 0.9 of 1.6 ms, measured), and a post or a vote is one such statement; so is
 * loading a request's session (0.49 → 0.17 ms) and a first check-in (0.79 → 0.57 ms). drizzle's
 * `.prepare()` names the statement on PostgreSQL but parses and plans it again on every call on
 * PGlite, which has no named statements in its extended protocol. On
 * PostgreSQL node-postgres prepares a named statement once per pooled connection; on the embedded
 * database (one connection) PREPARE runs once and EXECUTE each time, with the values as literals.
 */
export async function runPrepared(
  db: Db,
  embedded: boolean,
  statement: Statement,
  values: Value[],
): Promise<Record<string, unknown>[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (!embedded) {
    const { rows } = await (client as PgPool).query({ name: statement.name, text: statement.text, values });
    return rows;
  }
  const pglite = client as PgliteClient;
  let prepared = preparedOn.get(pglite as object);
  if (!prepared) {
    prepared = new Set();
    preparedOn.set(pglite as object, prepared);
  }
  const execute = values.length
    ? `execute ${statement.name}(${values.map(literal).join(', ')})`
    : `execute ${statement.name}`;
  if (prepared.has(statement.name)) {
    try {
      return (await pglite.query(execute)).rows;
    } catch (error) {
      // 26000: no such prepared statement (the session was reset): prepare it again.
      if ((error as { code?: string }).code !== '26000') throw error;
      prepared.delete(statement.name);
    }
  }
  try {
    const types = statement.types.length ? `(${statement.types.join(', ')})` : '';
    await pglite.query(`prepare ${statement.name}${types} as ${statement.text}`);
  } catch (error) {
    // Prepared meanwhile by another request (42P05: duplicate prepared statement).
    if ((error as { code?: string }).code !== '42P05') throw error;
  }
  prepared.add(statement.name);
  return (await pglite.query(execute)).rows;
}

/** Date and time types are selected as text: the form drizzle's decoders take (drivers would make Dates). */
const AS_TEXT = /^(timestamp|date|time|interval)/;

/**
 * The select list of all of a table's columns for a prepared statement's text, each named
 * `<prefix><column>` (a prefix keeps two tables' `id` apart), to be decoded by `decodeRow`.
 */
export function selectColumns(table: Table, alias: string, prefix = ''): string {
  return Object.values(getTableColumns(table))
    .map((c) => {
      const ref = `${alias}."${c.name}"`;
      return `${AS_TEXT.test(c.getSQLType()) ? `${ref}::text` : ref} as "${prefix}${c.name}"`;
    })
    .join(', ');
}

/** A table's row out of a raw row selected with `selectColumns`, decoded as drizzle decodes it. */
export function decodeRow<T extends Table>(
  table: T,
  row: Record<string, unknown>,
  prefix = '',
): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[prefix + column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}

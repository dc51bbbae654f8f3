import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { storedFiles } from '../db/schema/index.js';

/** A stored file without its bytes (lists, views). */
export interface StoredFileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: Date;
}

export type StoredFile = StoredFileMeta & { content: Buffer };

const meta = {
  id: storedFiles.id,
  name: storedFiles.name,
  mime: storedFiles.mime,
  size: storedFiles.size,
  sha256: storedFiles.sha256,
  uploadedBy: storedFiles.uploadedBy,
  createdAt: storedFiles.createdAt,
};

/**
 * Uploaded files kept in the database (`stored_files`, bytea), so that a database backup holds
 * them too. A file is written inside the transaction of the record that refers to it.
 */
export class FileStore {
  constructor(private readonly db: Executor) {}

  /** Stores the bytes with their size and SHA-256; returns the file without its content. */
  async put(
    tx: Executor,
    file: { name: string; mime: string; content: Buffer; uploadedBy: string | null },
  ): Promise<StoredFileMeta> {
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [row] = await tx
      .insert(storedFiles)
      .values({
        name: file.name,
        mime: file.mime,
        size: file.content.length,
        sha256,
        content: file.content,
        uploadedBy: file.uploadedBy,
      })
      .returning(meta);
    if (!row) throw new Error('file not stored');
    return row;
  }

  /** The file with its bytes, or null. */
  async get(id: string, exec: Executor = this.db): Promise<StoredFile | null> {
    const [row] = await exec.select().from(storedFiles).where(eq(storedFiles.id, id));
    return row ?? null;
  }

  /**
   * Deletes the files uploaded before `before` that nothing refers to: an attachment uploaded for a
   * leave request or a reflection that was never sent. The referring columns are read from the
   * database's foreign keys, so a module that adds one is covered without a change here. Returns
   * how many were deleted.
   */
  async pruneUnattached(before: Date): Promise<number> {
    const refs = (await this.db.execute(sql`
      select c.conrelid::regclass::text as tbl, quote_ident(a.attname) as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'stored_files'::regclass`)) as unknown as {
      rows: { tbl: string; col: string }[];
    };
    const unreferenced = refs.rows.map(
      (r) => sql`not exists (select 1 from ${sql.raw(r.tbl)} x where x.${sql.raw(r.col)} = f.id)`,
    );
    const deleted = (await this.db.execute(sql`
      delete from stored_files f
      where f.created_at < ${before.toISOString()}::timestamptz
        ${unreferenced.length ? sql`and ${sql.join(unreferenced, sql` and `)}` : sql``}
      returning f.id`)) as unknown as { rows: unknown[] };
    return deleted.rows.length;
  }

  /** Removes a file (rows referring to it with `on delete cascade` go with it). */
  async remove(tx: Executor, id: string): Promise<void> {
    await tx.delete(storedFiles).where(eq(storedFiles.id, id));
  }
}

/** The MIME type of a file by its extension (browsers send unreliable types for office files). */
export function mimeOf(fileName: string, sent?: string | null): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const known = MIME_TYPES[ext];
  if (known) return known;
  return sent && /^[\w.+-]+\/[\w.+-]+$/.test(sent) ? sent : 'application/octet-stream';
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
};

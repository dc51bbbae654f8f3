import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';

export interface Upload {
  fileName: string;
  file: Buffer;
  fields: Record<string, string>;
}

const TOO_LARGE = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
]);

/**
 * Reads a multipart upload: its text fields (before or after the file) and the one file, held in
 * memory up to the upload limit. A file over the limit is a 413 naming the limit, not a 500.
 */
export async function readUpload(req: FastifyRequest, limitBytes: number): Promise<Upload> {
  if (!req.isMultipart()) throw AppError.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'file_required');
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  let fileName = '';
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        fileName = part.filename;
        file = await part.toBuffer();
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (TOO_LARGE.has(code))
      throw AppError.field(
        'PAYLOAD_TOO_LARGE',
        'file',
        'file_too_large',
        Math.round(limitBytes / 1024 / 102.4) / 10,
      );
    throw new AppError('BAD_REQUEST', { details: { reason: code || 'multipart_malformed' } });
  }
  if (!file) throw AppError.field('VALIDATION_FAILED', 'file', 'file_required');
  return { fileName: cleanFileName(fileName), file, fields };
}

/** The name shown in lists: the last path segment, printable, at most 200 characters. */
function cleanFileName(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name.slice(0, 200) || 'upload';
}

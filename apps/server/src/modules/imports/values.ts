import {
  type CreatePersonBody,
  cleanName,
  type DictionaryEntry,
  dictionaryCode,
  enumCode,
  enumLabels,
  excelSerialToIsoDate,
  type PersonImportField,
  parseTextDate,
} from '@ganxun/domain';
import * as OpenCC from 'opencc-js/t2cn';
import type { RawCell } from './parse.js';

/**
 * One cell → one field value: labels to codes, dates to ISO, numbers Excel mangled back to text.
 * Names are kept as written; look-ups (dictionary labels, unit and region names) compare the value
 * converted from Traditional to Simplified characters.
 */

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const simplifiedCache = new Map<string, string>();

/** Traditional → Simplified (opencc-js, Taiwan standard), cached: rosters repeat their values. */
export function simplified(text: string): string {
  let out = simplifiedCache.get(text);
  if (out === undefined) {
    out = toSimplified(text);
    if (simplifiedCache.size > 50_000) simplifiedCache.clear();
    simplifiedCache.set(text, out);
  }
  return out;
}

/** The fields the import reads from a row (unit and region as text, resolved separately). */
export type ProvidedValues = Partial<Omit<CreatePersonBody, 'unitId' | 'requirementOverride'>> & {
  unit?: string;
  region?: string;
};

/** A problem with one cell: a message key of the imports or people messages, and its `{x}`. */
export interface CellProblem {
  key: string;
  x?: unknown;
}

export type Converted = { value: unknown } | { problem: CellProblem } | null;

/** The dictionaries coded fields are checked against. */
export const DICTIONARY_OF = {
  ethnicity: 'ethnicity',
  politicalStatus: 'political_status',
  education: 'education',
  rank: 'post_level',
} as const;
export type DictionaryField = keyof typeof DICTIONARY_OF;
export type Dictionaries = Record<DictionaryField, DictionaryEntry[]>;

const ENUM_FIELDS = ['gender', 'category', 'specialty', 'status'] as const;
type EnumField = (typeof ENUM_FIELDS)[number];

/** Look-ups already made, per code list (a roster repeats a handful of values thousands of times). */
const memos = new WeakMap<object, Map<string, string | null>>();
const ENUM_MEMO: Record<EnumField, object> = { gender: {}, category: {}, specialty: {}, status: {} };

function memo(list: object, text: string, find: () => string | null): string | null {
  let known = memos.get(list);
  if (!known) {
    known = new Map();
    memos.set(list, known);
  }
  let code = known.get(text);
  if (code === undefined) {
    code = find();
    if (known.size < 10_000) known.set(text, code);
  }
  return code;
}

/** Converts one cell for a field; null when the cell is empty. */
export function convertCell(
  field: PersonImportField,
  cell: RawCell | undefined,
  dicts: Dictionaries,
): Converted {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object') {
    return 'error' in cell
      ? { problem: { key: 'error_cell', x: cell.error } }
      : { problem: { key: 'formula_cell' } };
  }
  if (typeof cell === 'string' && cell.trim() === '') return null;
  switch (field) {
    case 'birthDate':
      return convertDate(cell);
    case 'idNumber':
      // 18 digits do not fit a double: Excel keeps 15 and the ID number is lost.
      if (typeof cell === 'number')
        return cell >= 1e14 ? { problem: { key: 'id_number_numeric' } } : { value: String(cell) };
      return { value: cell.trim() };
    case 'name':
      return { value: cleanName(String(cell)) };
    case 'mobile':
      return { value: typeof cell === 'number' ? cell.toFixed(0) : cell.normalize('NFKC').trim() };
    case 'ethnicity':
    case 'politicalStatus':
    case 'education':
    case 'rank': {
      const text = String(cell).trim();
      const code = memo(dicts[field], text, () =>
        dictionaryCode(DICTIONARY_OF[field], dicts[field], text, simplified(text)),
      );
      return code ? { value: code } : { problem: { key: 'unknown_code', x: text } };
    }
    default:
      if ((ENUM_FIELDS as readonly string[]).includes(field)) {
        const kind = field as EnumField;
        const text = String(cell).trim();
        const code = memo(
          ENUM_MEMO[kind],
          text,
          () => enumCode(kind as 'status', text) ?? enumCode(kind as 'status', simplified(text)),
        );
        return code
          ? { value: code }
          : { problem: { key: 'unknown_option', x: enumLabels(kind).join(' / ') } };
      }
      return { value: String(cell).trim() };
  }
}

function convertDate(cell: string | number): Converted {
  if (typeof cell === 'number') {
    // 19850615 typed as a number, and 1985.06 (出生年月) stored as one: read as text.
    if (Number.isInteger(cell) && cell >= 1900_01_01 && cell <= 2100_12_31)
      return dateOrProblem(parseTextDate(String(cell)));
    if (!Number.isInteger(cell) && cell > 1900 && cell < 2100)
      return dateOrProblem(parseTextDate(cell.toFixed(2)));
    return dateOrProblem(excelSerialToIsoDate(cell));
  }
  return dateOrProblem(parseTextDate(cell));
}

function dateOrProblem(iso: string | null): Converted {
  return iso ? { value: iso } : { problem: { key: 'date_unrecognized' } };
}

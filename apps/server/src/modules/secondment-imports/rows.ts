import {
  type CreatePersonBody,
  cleanName,
  createSecondmentBody,
  type DictionaryEntry,
  type Direction,
  dictionaryCode,
  directionFrom,
  effectiveTerm,
  enumCode,
  parseIdNumber,
  type SecondmentCategory,
  type Specialty,
} from '@ganxun/domain';
import type { RawCell, SheetRow } from '../imports/parse.js';
import { nameKey } from '../imports/resolve.js';
import { simplified } from '../imports/values.js';
import type { PartnershipInfo } from '../partnerships/sides.js';
import type { SecondmentInput } from '../secondments/write.js';
import { COLUMN_OF_FIELD, type ColumnKey } from './columns.js';
import { type CellProblem, cellDate, cellFlag, cellText, type SheetTable } from './sheet.js';
import type { SideUnits } from './units.js';

/** One problem of a row: the column it is in, a message key and its `{x}`. */
export interface RowProblem {
  column: ColumnKey;
  field: string;
  key: string;
  x?: unknown;
}

export type Initial = {
  status: 'planned' | 'in_post' | 'completed';
  actualStart: string | null;
  actualEnd: string | null;
};

/** A data row read and resolved as far as it can be without writing. */
export interface RowDraft {
  rowNo: number;
  personName: string;
  /** Normalised, valid ID number (null when the cell is wrong). */
  idNumber: string | null;
  direction: Direction | null;
  category: SecondmentCategory | null;
  specialty: Specialty | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  /** The stored person of this ID number, or null: created from the row. */
  personId: string | null;
  /** The home unit the row names (a new person's unit). */
  homeUnitId: string | null;
  /** For a new person: what the directory record is built from (unit filled from the home unit). */
  newPerson: Omit<CreatePersonBody, 'unitId'> | null;
  /** The secondment without its person id (filled once the person exists). */
  input: Omit<SecondmentInput, 'personId'> | null;
  initial: Initial;
  problems: RowProblem[];
  warnings: string[];
}

export interface RowContext {
  partnership: PartnershipInfo;
  forms: DictionaryEntry[];
  ethnicities: DictionaryEntry[];
  unitsA: SideUnits;
  unitsB: SideUnits;
  /** Stored people by normalised ID number. */
  people: Map<string, { id: string; name: string; unitId: string }>;
  today: string;
}

const CATEGORY_LABELS = '党政干部 / 专业技术人才';
const SPECIALTY_LABELS = '医疗卫生 / 教育 / 农业 / 其他';

/** The sending side a 派出方 cell names: a side's name (either script), or "恩施市→江干区", or A→B. */
function directionOf(text: string, p: PartnershipInfo): Direction | null {
  const key = nameKey(text).replace(/[→>＞-]+/g, '→');
  const names = (s: 'a' | 'b') => {
    const side = s === 'a' ? p.sideA : p.sideB;
    return new Set(
      [side.label, side.names.zhCN, side.names.zhTW, side.regionName, side.regionNameZhTw].map(nameKey),
    );
  };
  const a = names('a');
  const b = names('b');
  if (a.has(key)) return 'a_to_b';
  if (b.has(key)) return 'b_to_a';
  const lower = key.toLowerCase();
  if (lower === 'a→b' || lower === 'a_to_b') return 'a_to_b';
  if (lower === 'b→a' || lower === 'b_to_a') return 'b_to_a';
  const [from, to] = key.split('→');
  if (from && to) {
    if (a.has(from) && b.has(to)) return 'a_to_b';
    if (b.has(from) && a.has(to)) return 'b_to_a';
  }
  return null;
}

/**
 * Reads one row: every cell converted and checked on its own (labels to codes, dates, flags, the
 * ID number and what it encodes, units found on the right side), then the row as a create body
 * (the contract's own checks: end before start, specialty for professionals…). Problems are
 * collected, never thrown: the preview shows them all.
 */
export function readRow(row: SheetRow, table: SheetTable, c: RowContext): RowDraft {
  const problems: RowProblem[] = [];
  const cell = (key: ColumnKey): RawCell | undefined => {
    const i = table.columns.get(key);
    return i === undefined ? undefined : row.cells[i];
  };
  const fieldOf = (key: ColumnKey) =>
    Object.entries(COLUMN_OF_FIELD).find(([, k]) => k === key)?.[0] as string;
  const problem = (column: ColumnKey, p: CellProblem, field = fieldOf(column)) =>
    problems.push({ column, field, key: p.key, x: p.x });
  const text = (key: ColumnKey, required = false): string => {
    const t = cellText(cell(key));
    if ('problem' in t) {
      problem(key, t.problem);
      return '';
    }
    if (required && t.text === '') problem(key, { key: 'cell_required' });
    return t.text;
  };
  const date = (key: ColumnKey, required = false): string | null => {
    const d = cellDate(cell(key));
    if ('problem' in d) {
      problem(key, d.problem);
      return null;
    }
    if (required && d.value === null) problem(key, { key: 'cell_required' });
    return d.value;
  };
  const flag = (key: ColumnKey, fallback: boolean): boolean => {
    const f = cellFlag(cell(key));
    if ('problem' in f) {
      problem(key, f.problem);
      return fallback;
    }
    return f.value ?? fallback;
  };
  const optional = (key: ColumnKey) => text(key) || null;

  const personName = cleanName(text('name', true));
  // The ID number: format, check digit, and the birth date and gender it encodes.
  let idNumber: string | null = null;
  let gender: 'male' | 'female' | null = null;
  let birthDate: string | null = null;
  const idCell = cell('idNumber');
  if (typeof idCell === 'number' && idCell >= 1e14) problem('idNumber', { key: 'id_number_numeric' });
  else {
    const raw = text('idNumber', true);
    if (raw) {
      const parsed = parseIdNumber(raw);
      if (parsed.ok) {
        idNumber = parsed.value;
        gender = parsed.info.gender;
        birthDate = parsed.info.birthDate;
      } else problem('idNumber', { key: parsed.problem });
    }
  }
  const genderText = text('gender');
  if (genderText && gender) {
    const given = enumCode('gender', genderText) ?? enumCode('gender', simplified(genderText));
    if (!given) problem('gender', { key: 'unknown_option', x: '男 / 女' });
    else if (given !== gender) problem('gender', { key: 'gender_mismatch' });
  }

  const sendingText = text('sending', true);
  const direction = sendingText ? directionOf(sendingText, c.partnership) : null;
  if (sendingText && !direction)
    problem('sending', {
      key: 'secondment_import_unknown_side',
      x: `${c.partnership.sideA.label} / ${c.partnership.sideB.label}`,
    });

  const formText = text('form', true);
  const form = formText ? dictionaryCode('secondment_form', c.forms, formText, simplified(formText)) : null;
  if (formText && !form) problem('form', { key: 'unknown_code', x: formText });

  const categoryText = text('category', true);
  let category: SecondmentCategory | null = null;
  if (categoryText) {
    const code = enumCode('category', categoryText) ?? enumCode('category', simplified(categoryText));
    if (code === 'cadre' || code === 'professional') category = code;
    else problem('category', { key: 'unknown_option', x: CATEGORY_LABELS });
  }
  const specialtyText = text('specialty');
  let specialty: Specialty | null = null;
  if (specialtyText) {
    specialty = enumCode('specialty', specialtyText) ?? enumCode('specialty', simplified(specialtyText));
    if (!specialty) problem('specialty', { key: 'unknown_option', x: SPECIALTY_LABELS });
  }

  const stored = idNumber ? c.people.get(idNumber) : undefined;
  if (stored && personName && nameKey(stored.name) !== nameKey(personName))
    problem('name', { key: 'secondment_import_name_differs' });

  // Units: the home unit on the sending side, the host unit on the receiving side.
  const sides = direction
    ? direction === 'a_to_b'
      ? {
          sending: c.unitsA,
          receiving: c.unitsB,
          sendingName: c.partnership.sideA.label,
          receivingName: c.partnership.sideB.label,
        }
      : {
          sending: c.unitsB,
          receiving: c.unitsA,
          sendingName: c.partnership.sideB.label,
          receivingName: c.partnership.sideA.label,
        }
    : null;
  const unit = (key: 'homeUnit' | 'hostUnit', required: boolean): string | null => {
    const t = text(key, required);
    if (!t || !sides) return null;
    const [own, other, ownName] =
      key === 'homeUnit'
        ? [sides.sending, sides.receiving, sides.sendingName]
        : [sides.receiving, sides.sending, sides.receivingName];
    const found = own.find(t);
    if (found && 'id' in found) return found.id;
    if (found) problem(key, found.problem);
    else if (other.find(t))
      problem(key, {
        key: key === 'homeUnit' ? 'home_outside_pairing' : 'host_outside_pairing',
        x: ownName,
      });
    else problem(key, { key: 'secondment_import_unit_not_found', x: `${t}（${ownName}）` });
    return null;
  };
  const homeUnitId = unit('homeUnit', !stored);
  const hostUnitId = unit('hostUnit', true);

  const plannedStart = date('plannedStart', true);
  const plannedEnd = date('plannedEnd', true);
  const actualStart = date('actualStart');
  const actualEnd = date('actualEnd');
  if (actualEnd && !actualStart) problem('actualStart', { key: 'cell_required' });
  if (actualStart && actualEnd && actualEnd < actualStart) problem('actualEnd', { key: 'end_before_start' });
  if (actualStart && actualStart > c.today) problem('actualStart', { key: 'secondment_import_future' });
  if (actualEnd && actualEnd > c.today) problem('actualEnd', { key: 'secondment_import_future' });
  const initial: Initial = actualEnd
    ? { status: 'completed', actualStart, actualEnd }
    : actualStart
      ? { status: 'in_post', actualStart, actualEnd: null }
      : { status: 'planned', actualStart: null, actualEnd: null };

  // A person not in the directory is created from the row: 民族 and the home unit are needed.
  let newPerson: RowDraft['newPerson'] = null;
  if (idNumber && !stored) {
    const ethnicityText = text('ethnicity');
    const ethnicity = ethnicityText
      ? dictionaryCode('ethnicity', c.ethnicities, ethnicityText, simplified(ethnicityText))
      : null;
    if (!ethnicityText) problem('ethnicity', { key: 'secondment_import_ethnicity_required' });
    else if (!ethnicity) problem('ethnicity', { key: 'unknown_code', x: ethnicityText });
    if (ethnicity && gender && birthDate)
      newPerson = {
        name: personName,
        gender,
        ethnicity,
        birthDate,
        idNumber,
        mobile: null,
        politicalStatus: null,
        education: null,
        post: optional('homePost'),
        rank: null,
        category: category ?? 'other',
        specialty: category === 'professional' ? specialty : null,
        status: 'serving',
        requirementOverride: null,
      };
  }

  let input: RowDraft['input'] = null;
  const body = {
    partnershipId: c.partnership.id,
    personId: '00000000-0000-4000-8000-000000000000',
    direction: direction ?? directionFrom('a'),
    form: form ?? 'other',
    category: category ?? 'cadre',
    specialty,
    homePost: optional('homePost'),
    hostUnitId: hostUnitId ?? '00000000-0000-4000-8000-000000000000',
    hostPost: optional('hostPost'),
    fullTime: flag('fullTime', true),
    plannedStart: plannedStart ?? '2000-01-01',
    plannedEnd: plannedEnd ?? '2000-01-01',
    mentor: optional('mentor'),
    partyTransfer: flag('partyTransfer', false),
    note: optional('note'),
  };
  const parsed = createSecondmentBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = COLUMN_OF_FIELD[field];
      if (!column) continue;
      // Only problems of cells that were read well (a missing cell already has its own).
      if (problems.some((p) => p.column === column)) continue;
      if (field === 'specialty' && !category) continue;
      problem(column, { key: issue.code === 'custom' ? issue.message : 'upload_field_invalid' }, field);
    }
  } else if (problems.length === 0) {
    const { personId: _, ...rest } = parsed.data;
    input = { ...rest, homeUnitId: homeUnitId ?? stored?.unitId ?? '' };
  }

  return {
    rowNo: row.rowNo,
    personName,
    idNumber,
    direction,
    category,
    specialty,
    plannedStart,
    plannedEnd,
    personId: stored?.id ?? null,
    homeUnitId,
    newPerson,
    input,
    initial,
    problems,
    warnings: [],
  };
}

/**
 * Rows of one file checked against each other: one ID number, one name; and one person's terms
 * (actual dates, else planned) never overlap. Both rows of a pair get the error.
 */
export function crossCheck(drafts: RowDraft[]): void {
  const byId = new Map<string, RowDraft[]>();
  for (const d of drafts) if (d.idNumber) byId.set(d.idNumber, [...(byId.get(d.idNumber) ?? []), d]);
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    const first = group[0] as RowDraft;
    for (const d of group.slice(1))
      if (d.personName && first.personName && nameKey(d.personName) !== nameKey(first.personName))
        d.problems.push({
          column: 'name',
          field: 'name',
          key: 'secondment_import_name_differs_in_file',
          x: first.rowNo,
        });
    const terms = group.flatMap((d) => {
      const start = d.initial.actualStart ?? d.plannedStart;
      const end = d.initial.actualEnd ?? d.plannedEnd;
      return start && end
        ? [{ d, range: effectiveTerm({ ...d.initial, plannedStart: start, plannedEnd: end }) }]
        : [];
    });
    for (let i = 0; i < terms.length; i++)
      for (let j = i + 1; j < terms.length; j++) {
        const a = terms[i] as (typeof terms)[number];
        const b = terms[j] as (typeof terms)[number];
        if (!a.range || !b.range || !(a.range.start <= b.range.end && b.range.start <= a.range.end)) continue;
        a.d.problems.push({
          column: 'idNumber',
          field: 'personId',
          key: 'secondment_import_rows_overlap',
          x: b.d.rowNo,
        });
        b.d.problems.push({
          column: 'idNumber',
          field: 'personId',
          key: 'secondment_import_rows_overlap',
          x: a.d.rowNo,
        });
      }
  }
  for (const d of drafts) if (d.problems.length > 0) d.input = null;
}

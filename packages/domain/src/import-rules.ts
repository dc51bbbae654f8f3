import type { Gender, PersonCategory, PersonStatus, Specialty } from './people.js';
import type { UnitType } from './units.js';

/**
 * How a people roster is read as people write it: header aliases in Simplified or Traditional
 * characters, full-width characters and stray spaces, Excel date serials and text dates, labels
 * instead of codes. Pure functions; the server adds Traditional → Simplified conversion.
 */

// ── Headers ────────────────────────────────────────────────────────────────────────────────────

export const PERSON_IMPORT_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'mobile',
  'politicalStatus',
  'education',
  'unit',
  'post',
  'rank',
  'category',
  'specialty',
  'status',
  'region',
] as const;
export type PersonImportField = (typeof PERSON_IMPORT_FIELDS)[number];

interface ColumnSpec {
  /** The template's header (Simplified Chinese). */
  header: string;
  /** Other spellings, Simplified and Traditional, as normalizeHeader leaves them. */
  aliases: string[];
  /** A file without this column fails as a whole; gender and birth date follow from the ID number. */
  required: boolean;
}

/** Columns of the people roster, with the header spellings people actually use. */
export const PERSON_IMPORT_COLUMNS: Record<PersonImportField, ColumnSpec> = {
  name: { header: '姓名', aliases: ['名字', '人员姓名', 'name'], required: true },
  gender: { header: '性别', aliases: ['性別', 'gender', 'sex'], required: false },
  ethnicity: { header: '民族', aliases: ['族别', '族別', 'ethnicity', 'nation'], required: true },
  birthDate: {
    header: '出生日期',
    aliases: [
      '出生年月',
      '出生年月日',
      '生日',
      '出生时间',
      '出生時間',
      'birthdate',
      'dateofbirth',
      'birthday',
    ],
    required: false,
  },
  idNumber: {
    header: '身份证号',
    aliases: [
      '身份证号码',
      '身份证',
      '身份證號',
      '身份證號碼',
      '身份證',
      '身分證號',
      '身分證號碼',
      '公民身份号码',
      '公民身份號碼',
      '居民身份证号码',
      '居民身份證號碼',
      '身份证件号码',
      '身份證件號碼',
      '证件号码',
      '證件號碼',
      '证件号',
      '證件號',
      'idnumber',
      'idcard',
    ],
    required: true,
  },
  mobile: {
    header: '手机号码',
    aliases: [
      '手机',
      '手机号',
      '手機',
      '手機號',
      '手機號碼',
      '联系电话',
      '聯繫電話',
      '聯絡電話',
      '联系方式',
      '聯繫方式',
      '聯絡方式',
      '移动电话',
      '移動電話',
      '电话',
      '電話',
      'mobile',
      'phone',
    ],
    required: false,
  },
  politicalStatus: { header: '政治面貌', aliases: ['politicalstatus'], required: false },
  education: {
    header: '学历',
    aliases: ['學歷', '文化程度', '最高学历', '最高學歷', 'education'],
    required: false,
  },
  unit: {
    header: '工作单位',
    aliases: ['工作單位', '单位', '單位', '所在单位', '所在單位', '单位名称', '單位名稱', 'unit'],
    required: true,
  },
  post: {
    header: '职务',
    aliases: ['職務', '现任职务', '現任職務', '职务名称', '職務名稱', 'post', 'position'],
    required: false,
  },
  rank: {
    header: '职级',
    aliases: ['職級', '职务级别', '職務級別', '级别', '級別', 'rank'],
    required: false,
  },
  category: {
    header: '人员类别',
    aliases: ['人員類別', '类别', '類別', '人员类型', '人員類型', 'category'],
    required: true,
  },
  specialty: {
    header: '专业类别',
    aliases: ['專業類別', '专业', '專業', '专业领域', '專業領域', 'specialty'],
    required: false,
  },
  status: {
    header: '状态',
    aliases: ['狀態', '人员状态', '人員狀態', '在职状态', '在職狀態', 'status'],
    required: false,
  },
  region: {
    header: '所属地区',
    aliases: ['所屬地區', '行政区划', '行政區劃', '行政区划代码', '行政區劃代碼', '地区', '地區', 'region'],
    required: false,
  },
};

/**
 * A header as compared with the aliases: NFKC (full-width → half-width), no white space, no
 * required-marks (`*`), no bracketed hints (`出生日期（YYYY-MM-DD）`), no colon, lower case.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[*:]/g, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map<string, PersonImportField>(
  PERSON_IMPORT_FIELDS.flatMap((field) => {
    const spec = PERSON_IMPORT_COLUMNS[field];
    return [spec.header, ...spec.aliases].map((h) => [normalizeHeader(h), field] as const);
  }),
);

export interface HeaderMatch {
  /** Field → 0-based column index. */
  columns: Partial<Record<PersonImportField, number>>;
  /** Field → the header as written in the file. */
  headers: Partial<Record<PersonImportField, string>>;
  /** Non-empty headers that map to no field, or repeat one already mapped. */
  ignored: string[];
  /** Required fields without a column. */
  missing: PersonImportField[];
}

/** Maps a header row to the roster's fields (first column wins when a field repeats). */
export function matchHeaders(headers: readonly (string | null | undefined)[]): HeaderMatch {
  const out: HeaderMatch = { columns: {}, headers: {}, ignored: [], missing: [] };
  headers.forEach((raw, index) => {
    const text = (raw ?? '').trim();
    if (!text) return;
    const field = HEADER_INDEX.get(normalizeHeader(text));
    if (!field || out.columns[field] !== undefined) {
      out.ignored.push(text);
      return;
    }
    out.columns[field] = index;
    out.headers[field] = text;
  });
  out.missing = PERSON_IMPORT_FIELDS.filter(
    (f) => PERSON_IMPORT_COLUMNS[f].required && out.columns[f] === undefined,
  );
  return out;
}

// ── Values ─────────────────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel date serial (1900 date system) as YYYY-MM-DD; null outside 1900–9999. Serial 60 is
 * Excel's phantom 1900-02-29, so later serials count from 1899-12-30.
 */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const days = Math.floor(serial);
  const epoch = days > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(epoch + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A date as people type it — 1985-06-15, 1985/6/15, 1985.06.15, 19850615, 1985年6月15日, with
 * full-width digits or a time after it — as YYYY-MM-DD (not checked for existence: 1985-02-30
 * stays, so the contract reports it), or YYYY-MM when only year and month are given (出生年月);
 * null when it is not a date at all.
 */
export function parseTextDate(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  const ym = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return `${ym[1]}-${pad(Number(ym[2]))}`;
  return null;
}

type EnumKind = 'gender' | 'category' | 'specialty' | 'status';
type EnumCode = Gender | PersonCategory | Specialty | PersonStatus;

/** Labels (Simplified, Traditional, English, codes) of the roster's fixed lists. */
const ENUM_LABELS: Record<EnumKind, Record<string, string[]>> = {
  gender: {
    male: ['男', '男性', 'm', 'male', '1'],
    female: ['女', '女性', 'f', 'female', '2'],
  },
  category: {
    cadre: ['党政干部', '黨政幹部', '党政人才', '黨政人才', '干部', '幹部', 'cadre'],
    professional: ['专技人才', '專技人才', '专业技术人才', '專業技術人才', '专技', '專技', 'professional'],
    other: ['其他', '其它', 'other'],
  },
  specialty: {
    medical: ['医疗', '醫療', '医疗卫生', '醫療衛生', '卫生', '衛生', '医生', '醫生', 'medical'],
    education: ['教育', '教师', '教師', 'education'],
    agriculture: ['农业', '農業', '农业专家', '農業專家', 'agriculture'],
    other: ['其他', '其它', 'other'],
  },
  status: {
    serving: ['在职', '在職', '在岗', '在崗', 'serving'],
    transferred: ['调离', '調離', 'transferred'],
    retired: ['退休', 'retired'],
  },
};

const ENUM_INDEX = Object.fromEntries(
  Object.entries(ENUM_LABELS).map(([kind, table]) => [
    kind,
    new Map(Object.entries(table).flatMap(([code, labels]) => labels.map((l) => [normalizeHeader(l), code]))),
  ]),
) as Record<EnumKind, Map<string, string>>;

/** The template's labels of a fixed list, in order (男, 女 / 党政干部, 专技人才, 其他 / …). */
export function enumLabels(kind: EnumKind): string[] {
  return Object.values(ENUM_LABELS[kind]).map((labels) => labels[0] as string);
}

/** The code of a label or code of a fixed list (男 → male, 專技人才 → professional); null if unknown. */
export function enumCode(kind: 'gender', raw: string): Gender | null;
export function enumCode(kind: 'category', raw: string): PersonCategory | null;
export function enumCode(kind: 'specialty', raw: string): Specialty | null;
export function enumCode(kind: 'status', raw: string): PersonStatus | null;
export function enumCode(kind: EnumKind, raw: string): EnumCode | null {
  return (ENUM_INDEX[kind].get(normalizeHeader(raw)) as EnumCode | undefined) ?? null;
}

/** Common short forms of dictionary labels (Simplified), by dictionary: 党员 → 01, 本科 → bachelor. */
const DICTIONARY_ALIASES: Record<string, Record<string, string>> = {
  political_status: {
    中共党员: '01',
    党员: '01',
    共产党员: '01',
    中共预备党员: '02',
    预备党员: '02',
    共青团员: '03',
    团员: '03',
    民革会员: '04',
    民盟盟员: '05',
    民建会员: '06',
    民进会员: '07',
    农工党党员: '08',
    致公党党员: '09',
    九三学社社员: '10',
    台盟盟员: '11',
    无党派: '12',
    无党派人士: '12',
  },
  education: {
    博士: 'doctorate',
    硕士: 'master',
    研究生: 'master',
    本科: 'bachelor',
    大学: 'bachelor',
    大专: 'college',
    专科: 'college',
    中专: 'secondary',
    高中: 'secondary',
    初中: 'secondary',
  },
};

export interface DictionaryEntry {
  code: string;
  /** Labels in every language the list has. */
  labels: string[];
}

/**
 * The code of a dictionary value given as a code (`01`, or `1` where Excel dropped the leading
 * zero) or a label in any language, or a common short form (汉 → 汉族, 党员 → 01). Pass the value
 * also converted to Simplified characters: labels and aliases are compared in both forms.
 */
export function dictionaryCode(
  dictionary: string,
  entries: readonly DictionaryEntry[],
  raw: string,
  simplified = raw,
): string | null {
  const forms = [...new Set([raw, simplified].map(normalizeHeader))].filter(Boolean);
  if (forms.length === 0) return null;
  for (const form of forms) {
    const byCode = entries.find((e) => e.code.toLowerCase() === form);
    if (byCode) return byCode.code;
    if (/^\d+$/.test(form)) {
      const padded = entries.find((e) => /^\d+$/.test(e.code) && Number(e.code) === Number(form));
      if (padded) return padded.code;
    }
    for (const candidate of [form, `${form}族`]) {
      const byLabel = entries.find((e) => e.labels.some((l) => normalizeHeader(l) === candidate));
      if (byLabel) return byLabel.code;
    }
    const alias = DICTIONARY_ALIASES[dictionary]?.[form];
    if (alias && entries.some((e) => e.code === alias)) return alias;
  }
  return null;
}

/** A person's name as written, without the spaces rosters put inside two-character names (张　三). */
export function cleanName(raw: string): string {
  const s = raw.trim();
  return /^[\p{Script=Han}·\s]+$/u.test(s) ? s.replace(/\s+/g, '') : s;
}

const UNIT_TYPE_RULES: [RegExp, UnitType][] = [
  [/党校|黨校|行政学院|行政學院/, 'party_school'],
  [/卫生院|衛生院|卫生服务中心|衛生服務中心|卫生室|衛生室/, 'health_centre'],
  [/医院|醫院|妇幼保健|婦幼保健/, 'hospital'],
  [/幼儿园|幼兒園/, 'kindergarten'],
  [/大学|大學|学院|學院/, 'university'],
  [/小学|小學|中学|中學|学校|學校|完小|一中|二中|高中|职高|職高/, 'school'],
  [/公司|集团|集團|企业|企業/, 'enterprise'],
  [/委员会|委員會|政府|人大|政协|政協|[局委办辦部厅廳署]$|街道|镇$|鎮$|乡$|鄉$/, 'party_government'],
  [/中心|站$|所$|院$|馆$|館$/, 'public_institution'],
];

/** A unit type guessed from a unit's name (…卫生院 → health_centre), for units an import creates. */
export function guessUnitType(name: string): UnitType {
  return UNIT_TYPE_RULES.find(([re]) => re.test(name))?.[1] ?? 'other';
}

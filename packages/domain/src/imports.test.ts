import { describe, expect, it } from 'vitest';
import {
  cleanName,
  dictionaryCode,
  enumCode,
  enumLabels,
  excelSerialToIsoDate,
  guessUnitType,
  importUploadFields,
  matchHeaders,
  normalizeHeader,
  parseTextDate,
} from './imports.js';

describe('matchHeaders', () => {
  it('maps the template headers, required marks and hints included', () => {
    const m = matchHeaders([
      '姓名*',
      '性别',
      '民族*',
      '出生日期（YYYY-MM-DD）',
      '身份证号*',
      '工作单位*',
      '人员类别*',
    ]);
    expect(m.columns).toEqual({
      name: 0,
      gender: 1,
      ethnicity: 2,
      birthDate: 3,
      idNumber: 4,
      unit: 5,
      category: 6,
    });
    expect(m.missing).toEqual([]);
    expect(m.ignored).toEqual([]);
  });

  it.each([
    ['身份證號', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['公民身份號碼', 'idNumber'],
    ['证件号码', 'idNumber'],
    [' 身 份 证 号 ', 'idNumber'],
    ['姓　名', 'name'],
    ['性別', 'gender'],
    ['出生年月', 'birthDate'],
    ['手机', 'mobile'],
    ['手机号码', 'mobile'],
    ['联系电话', 'mobile'],
    ['手機', 'mobile'],
    ['政治面貌', 'politicalStatus'],
    ['學歷', 'education'],
    ['单位', 'unit'],
    ['單位', 'unit'],
    ['職務', 'post'],
    ['職級', 'rank'],
    ['類別', 'category'],
    ['专业类别', 'specialty'],
    ['状态', 'status'],
    ['行政区划', 'region'],
    ['所屬地區', 'region'],
    ['ＩＤＮｕｍｂｅｒ', 'idNumber'],
  ])('%s → %s', (header, field) => {
    expect(Object.keys(matchHeaders([header]).columns)).toEqual([field]);
  });

  it('lists unknown and repeated headers as ignored and names missing required columns', () => {
    const m = matchHeaders(['姓名', '备注', '', null, '姓名', '身份证号']);
    expect(m.ignored).toEqual(['备注', '姓名']);
    expect(m.columns.name).toBe(0);
    expect(m.missing).toEqual(['ethnicity', 'unit', 'category']);
  });

  it('normalises full-width characters and spaces', () => {
    expect(normalizeHeader('  出生日期（年-月-日）＊ ')).toBe('出生日期');
  });
});

describe('dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [31213, '1985-06-15'],
    [31213.75, '1985-06-15'],
    [45658, '2025-01-01'],
  ])('Excel serial %s → %s', (serial, iso) => {
    expect(excelSerialToIsoDate(serial)).toBe(iso);
  });

  it('refuses serials outside Excel’s range', () => {
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(excelSerialToIsoDate(-5)).toBeNull();
    expect(excelSerialToIsoDate(3_000_000)).toBeNull();
  });

  it.each([
    ['1985-06-15', '1985-06-15'],
    ['1985/6/15', '1985-06-15'],
    ['1985.06.15', '1985-06-15'],
    ['19850615', '1985-06-15'],
    ['1985年6月15日', '1985-06-15'],
    ['１９８５年６月１５日', '1985-06-15'],
    ['1985-06-15 00:00:00', '1985-06-15'],
    ['1985-02-30', '1985-02-30'],
    ['1985.06', '1985-06'],
    ['1985年6月', '1985-06'],
    ['June 1985', null],
    ['1985', null],
    ['1985.13', null],
  ])('text %s → %s', (text, iso) => {
    expect(parseTextDate(text)).toBe(iso);
  });
});

describe('labels and codes', () => {
  it.each([
    ['gender', '男', 'male'],
    ['gender', ' 女 ', 'female'],
    ['gender', 'F', 'female'],
    ['category', '党政干部', 'cadre'],
    ['category', '專技人才', 'professional'],
    ['category', 'professional', 'professional'],
    ['specialty', '醫療', 'medical'],
    ['specialty', '教育', 'education'],
    ['specialty', '农业', 'agriculture'],
    ['status', '在職', 'serving'],
    ['status', '调离', 'transferred'],
    ['status', '退休', 'retired'],
    ['status', '辞职', null],
  ] as const)('%s %s → %s', (kind, raw, code) => {
    expect(enumCode(kind as 'status', raw)).toBe(code);
  });

  it('lists the template labels of a fixed list', () => {
    expect(enumLabels('category')).toEqual(['党政干部', '专技人才', '其他']);
  });

  const ethnicity = [
    { code: '01', labels: ['汉族', '漢族', 'Han'] },
    { code: '03', labels: ['回族', '回族', 'Hui'] },
    { code: '15', labels: ['土家族', '土家族', 'Tujia'] },
  ];
  it.each([
    ['01', '01', '01'],
    ['1', '1', '01'],
    ['汉族', '汉族', '01'],
    ['漢族', '汉族', '01'],
    ['汉', '汉', '01'],
    ['土家族', '土家族', '15'],
    ['tujia', 'tujia', '15'],
    ['火星族', '火星族', null],
    ['', '', null],
  ])('ethnicity %s → %s', (raw, simplified, code) => {
    expect(dictionaryCode('ethnicity', ethnicity, raw, simplified)).toBe(code);
  });

  it('knows the short forms of political status and education', () => {
    const political = [
      { code: '01', labels: ['中国共产党党员'] },
      { code: '13', labels: ['群众'] },
    ];
    expect(dictionaryCode('political_status', political, '中共黨員', '中共党员')).toBe('01');
    expect(dictionaryCode('political_status', political, '群眾', '群众')).toBe('13');
    const education = [{ code: 'bachelor', labels: ['大学本科'] }];
    expect(dictionaryCode('education', education, '本科')).toBe('bachelor');
  });
});

describe('names and units', () => {
  it('removes alignment spaces from Chinese names only', () => {
    expect(cleanName(' 张　三 ')).toBe('张三');
    expect(cleanName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
    expect(cleanName('John Smith')).toBe('John Smith');
  });

  it.each([
    ['恩施市龙凤镇卫生院', 'health_centre'],
    ['恩施州中心医院', 'hospital'],
    ['恩施市实验小学', 'school'],
    ['恩施市机关幼儿园', 'kindergarten'],
    ['湖北民族大学', 'university'],
    ['中共恩施州委党校', 'party_school'],
    ['恩施市卫生健康局', 'party_government'],
    ['某某科技有限公司', 'enterprise'],
    ['随便什么', 'other'],
  ])('%s → %s', (name, type) => {
    expect(guessUnitType(name)).toBe(type);
  });
});

describe('importUploadFields', () => {
  it('reads multipart text fields', () => {
    expect(importUploadFields.parse({ createMissingUnits: 'true' })).toEqual({
      kind: 'people',
      createMissingUnits: true,
    });
    expect(importUploadFields.parse({})).toEqual({ kind: 'people', createMissingUnits: false });
    expect(importUploadFields.safeParse({ kind: 'regions' }).success).toBe(false);
  });
});

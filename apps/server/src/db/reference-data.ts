/**
 * Code lists shipped with Ganxun. National standards are rewritten on every start (read-only);
 * configurable lists are only created when missing, so the system admin's edits survive upgrades.
 */
export interface ReferenceItem {
  code: string;
  zhCN: string;
  zhTW: string;
  en: string;
}

export interface ReferenceList {
  code: string;
  name: { zhCN: string; zhTW: string; en: string };
  standard: string | null;
  items: ReferenceItem[];
}

const item = (code: string, zhCN: string, zhTW: string, en: string): ReferenceItem => ({
  code,
  zhCN,
  zhTW,
  en,
});

/** GB/T 4762 政治面貌代码. */
const POLITICAL_STATUS: ReferenceItem[] = [
  item('01', '中国共产党党员', '中國共產黨黨員', 'Member of the CPC'),
  item('02', '中国共产党预备党员', '中國共產黨預備黨員', 'Probationary member of the CPC'),
  item('03', '中国共产主义青年团团员', '中國共產主義青年團團員', 'Member of the Communist Youth League'),
  item(
    '04',
    '中国国民党革命委员会会员',
    '中國國民黨革命委員會會員',
    'Member of the Revolutionary Committee of the KMT',
  ),
  item('05', '中国民主同盟盟员', '中國民主同盟盟員', 'Member of the China Democratic League'),
  item(
    '06',
    '中国民主建国会会员',
    '中國民主建國會會員',
    'Member of the China National Democratic Construction Association',
  ),
  item(
    '07',
    '中国民主促进会会员',
    '中國民主促進會會員',
    'Member of the China Association for Promoting Democracy',
  ),
  item(
    '08',
    '中国农工民主党党员',
    '中國農工民主黨黨員',
    "Member of the Chinese Peasants' and Workers' Democratic Party",
  ),
  item('09', '中国致公党党员', '中國致公黨黨員', 'Member of the China Zhi Gong Party'),
  item('10', '九三学社社员', '九三學社社員', 'Member of the Jiusan Society'),
  item(
    '11',
    '台湾民主自治同盟盟员',
    '臺灣民主自治同盟盟員',
    'Member of the Taiwan Democratic Self-Government League',
  ),
  item('12', '无党派人士', '無黨派人士', 'No party affiliation'),
  item('13', '群众', '群眾', 'Ordinary citizen'),
];

/** GB 3304 中国各民族名称的罗马字母拼写法和代码. */
const ETHNICITY_NAMES: [string, string, string][] = [
  ['汉族', '漢族', 'Han'],
  ['蒙古族', '蒙古族', 'Mongol'],
  ['回族', '回族', 'Hui'],
  ['藏族', '藏族', 'Zang (Tibetan)'],
  ['维吾尔族', '維吾爾族', 'Uygur'],
  ['苗族', '苗族', 'Miao'],
  ['彝族', '彝族', 'Yi'],
  ['壮族', '壯族', 'Zhuang'],
  ['布依族', '布依族', 'Buyei'],
  ['朝鲜族', '朝鮮族', 'Chosen (Korean)'],
  ['满族', '滿族', 'Man (Manchu)'],
  ['侗族', '侗族', 'Dong'],
  ['瑶族', '瑤族', 'Yao'],
  ['白族', '白族', 'Bai'],
  ['土家族', '土家族', 'Tujia'],
  ['哈尼族', '哈尼族', 'Hani'],
  ['哈萨克族', '哈薩克族', 'Kazak'],
  ['傣族', '傣族', 'Dai'],
  ['黎族', '黎族', 'Li'],
  ['傈僳族', '傈僳族', 'Lisu'],
  ['佤族', '佤族', 'Va'],
  ['畲族', '畲族', 'She'],
  ['高山族', '高山族', 'Gaoshan'],
  ['拉祜族', '拉祜族', 'Lahu'],
  ['水族', '水族', 'Sui'],
  ['东乡族', '東鄉族', 'Dongxiang'],
  ['纳西族', '納西族', 'Naxi'],
  ['景颇族', '景頗族', 'Jingpo'],
  ['柯尔克孜族', '柯爾克孜族', 'Kirgiz'],
  ['土族', '土族', 'Tu'],
  ['达斡尔族', '達斡爾族', 'Daur'],
  ['仫佬族', '仫佬族', 'Mulao'],
  ['羌族', '羌族', 'Qiang'],
  ['布朗族', '布朗族', 'Blang'],
  ['撒拉族', '撒拉族', 'Salar'],
  ['毛南族', '毛南族', 'Maonan'],
  ['仡佬族', '仡佬族', 'Gelao'],
  ['锡伯族', '錫伯族', 'Xibe'],
  ['阿昌族', '阿昌族', 'Achang'],
  ['普米族', '普米族', 'Pumi'],
  ['塔吉克族', '塔吉克族', 'Tajik'],
  ['怒族', '怒族', 'Nu'],
  ['乌孜别克族', '烏孜別克族', 'Uzbek'],
  ['俄罗斯族', '俄羅斯族', 'Russ'],
  ['鄂温克族', '鄂溫克族', 'Ewenki'],
  ['德昂族', '德昂族', 'Deang'],
  ['保安族', '保安族', 'Bonan'],
  ['裕固族', '裕固族', 'Yugur'],
  ['京族', '京族', 'Gin'],
  ['塔塔尔族', '塔塔爾族', 'Tatar'],
  ['独龙族', '獨龍族', 'Derung'],
  ['鄂伦春族', '鄂倫春族', 'Oroqen'],
  ['赫哲族', '赫哲族', 'Hezhen'],
  ['门巴族', '門巴族', 'Monba'],
  ['珞巴族', '珞巴族', 'Lhoba'],
  ['基诺族', '基諾族', 'Jino'],
];
const ETHNICITY: ReferenceItem[] = [
  ...ETHNICITY_NAMES.map(([cn, tw, en], i) => item(String(i + 1).padStart(2, '0'), cn, tw, en)),
  item('97', '其他', '其他', 'Other'),
  item('98', '外国血统中国籍人士', '外國血統中國籍人士', 'Chinese citizen of foreign origin'),
];

/** GB/T 12407 干部职务级别代码. */
const POST_LEVEL: ReferenceItem[] = [
  item('0101', '国家级正职', '國家級正職', 'State level, principal'),
  item('0102', '国家级副职', '國家級副職', 'State level, deputy'),
  item('0111', '省部级正职', '省部級正職', 'Provincial-ministerial level, principal'),
  item('0112', '省部级副职', '省部級副職', 'Provincial-ministerial level, deputy'),
  item('0121', '厅局级正职', '廳局級正職', 'Department-bureau level, principal'),
  item('0122', '厅局级副职', '廳局級副職', 'Department-bureau level, deputy'),
  item('0131', '县处级正职', '縣處級正職', 'County-division level, principal'),
  item('0132', '县处级副职', '縣處級副職', 'County-division level, deputy'),
  item('0141', '乡科级正职', '鄉科級正職', 'Township-section level, principal'),
  item('0142', '乡科级副职', '鄉科級副職', 'Township-section level, deputy'),
  item('0150', '科员级', '科員級', 'Section member'),
  item('0160', '办事员级', '辦事員級', 'Clerk'),
];

export const STANDARD_LISTS: ReferenceList[] = [
  {
    code: 'political_status',
    name: { zhCN: '政治面貌', zhTW: '政治面貌', en: 'Political status' },
    standard: 'GB/T 4762',
    items: POLITICAL_STATUS,
  },
  {
    code: 'ethnicity',
    name: { zhCN: '民族', zhTW: '民族', en: 'Ethnic group' },
    standard: 'GB 3304',
    items: ETHNICITY,
  },
  {
    code: 'post_level',
    name: { zhCN: '职务级别', zhTW: '職務級別', en: 'Post level' },
    standard: 'GB/T 12407',
    items: POST_LEVEL,
  },
];

export const CONFIGURABLE_LISTS: ReferenceList[] = [
  {
    code: 'class_kind',
    name: { zhCN: '班次类型', zhTW: '班次類型', en: 'Class kind' },
    standard: null,
    items: [
      item('main', '主体班', '主體班', 'Main-body class'),
      item('special', '专题班', '專題班', 'Special class'),
      item('seminar', '专题研讨班', '專題研討班', 'Thematic seminar'),
      item('professional', '专业技术人才培训班', '專業技術人才培訓班', 'Professional training class'),
      item('leadership', '领导干部研修班', '領導幹部研修班', 'Leadership seminar'),
      item('induction', '初任/任职培训', '初任/任職培訓', 'Induction and appointment training'),
      item('online', '网络专题班', '網絡專題班', 'Online class'),
      item('rotation', '轮训', '輪訓', 'Rotational training'),
    ],
  },
  {
    code: 'session_type',
    name: { zhCN: '课程类型', zhTW: '課程類型', en: 'Session type' },
    standard: null,
    items: [
      item('ceremony_open', '开班式', '開班式', 'Opening ceremony'),
      item('ceremony_close', '结业式', '結業式', 'Closing ceremony'),
      item('lecture', '专题讲授', '專題講授', 'Thematic lecture'),
      item('experience', '经验交流', '經驗交流', 'Experience exchange'),
      item('live', '线上直播', '線上直播', 'Online live broadcast'),
      item('qa', '互动答疑', '互動答疑', 'Interactive Q&A'),
      item('discussion', '分组研讨', '分組研討', 'Group discussion'),
      item('field', '现场教学', '現場教學', 'Field teaching'),
      item('study_visit', '考察调研', '考察調研', 'Study visit'),
      item('self_study', '自学', '自學', 'Self-study'),
      item('exam', '考试', '考試', 'Examination'),
      item('other', '其他', '其他', 'Other'),
    ],
  },
  {
    code: 'secondment_form',
    name: { zhCN: '交流形式', zhTW: '交流形式', en: 'Exchange form' },
    standard: null,
    items: [
      item('secondment', '挂职服务', '掛職服務', 'Secondment'),
      item('shadowing', '跟岗学习', '跟崗學習', 'Shadow learning'),
      item('guidance', '交流指导', '交流指導', 'Exchange guidance'),
      item('teaching', '支教', '支教', 'Teaching support'),
      item('medical', '支医', '支醫', 'Medical support'),
      item('other', '其他', '其他', 'Other'),
    ],
  },
  {
    code: 'partnership_programme',
    name: { zhCN: '协作类型', zhTW: '協作類型', en: 'Pairing programme' },
    standard: null,
    items: [
      item('east_west', '东西部协作', '東西部協作', 'East–west cooperation'),
      item('counterpart', '对口支援', '對口支援', 'Counterpart support'),
      item('intra_province', '省内结对', '省內結對', 'Intra-provincial pairing'),
    ],
  },
  {
    code: 'education',
    name: { zhCN: '学历', zhTW: '學歷', en: 'Education' },
    standard: null,
    items: [
      item('doctorate', '博士研究生', '博士研究生', 'Doctorate'),
      item('master', '硕士研究生', '碩士研究生', "Master's"),
      item('bachelor', '大学本科', '大學本科', "Bachelor's"),
      item('college', '大学专科', '大學專科', 'Junior college'),
      item('secondary', '中专及以下', '中專及以下', 'Secondary or below'),
    ],
  },
  {
    code: 'leave_type',
    name: { zhCN: '请假类型', zhTW: '請假類型', en: 'Leave type' },
    standard: null,
    items: [
      item('personal', '事假', '事假', 'Personal leave'),
      item('sick', '病假', '病假', 'Sick leave'),
      item('official', '公假', '公假', 'Official business'),
    ],
  },
  {
    code: 'task_force_role',
    name: { zhCN: '专班职责', zhTW: '專班職責', en: 'Task force role' },
    standard: null,
    items: [
      item('leader', '专班负责人', '專班負責人', 'Leader'),
      item('teaching', '教学组', '教學組', 'Teaching'),
      item('logistics', '后勤保障组', '後勤保障組', 'Logistics'),
      item('publicity', '宣传组', '宣傳組', 'Publicity'),
      item('safety', '安全保卫组', '安全保衛組', 'Safety'),
    ],
  },
];

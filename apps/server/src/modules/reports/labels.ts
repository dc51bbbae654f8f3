import type { MessageLocale } from '@ganxun/domain';

/**
 * Words of the standard reports' workbooks and incident lines in the reader's language. Data (class
 * names, units, people) is printed as stored; figures come from the statistics engine.
 */
export interface ReportLabels {
  measures: Record<
    'classes' | 'people' | 'personTimes' | 'hours' | 'attendanceRate' | 'satisfaction' | 'completionRate',
    string
  >;
  total: string;
  annual: {
    title: (year: number, scope: string) => string;
    file: (year: number) => string;
    sheets: { totals: string; byKind: string; byMonth: string; byRegion: string; classes: string };
    kind: string;
    month: string;
    region: string;
    classHeaders: string[];
    generated: string;
  };
  summary: {
    title: (name: string) => string;
    file: (code: string) => string;
    sheets: { overview: string; regions: string; evaluation: string; incidents: string; questions: string };
    item: string;
    value: string;
    overview: Record<string, string>;
    region: string;
    formHeaders: string[];
    target: Record<'lecture' | 'class', string>;
    incidentHeaders: string[];
    /** 互动答疑: item, time, questions, answered, share answered, votes. */
    questionHeaders: string[];
    incidentKinds: Record<string, string>;
    leaveCounts: (approved: number, rejected: number, pending: number, cancelled: number) => string;
    longLeave: (name: string, hours: number, status: string, reason: string) => string;
    withdrawal: (name: string, reason: string | null) => string;
    leaveStatus: Record<string, string>;
  };
  pairing: {
    title: (name: string, year: number) => string;
    file: (year: number) => string;
    sheets: {
      secondments: string;
      jointClasses: string;
      talks: string;
      assessments: string;
      narrative: string;
    };
    secondmentHeaders: string[];
    allCategories: string;
    category: Record<string, string>;
    specialty: Record<string, string>;
    jointHeaders: string[];
    jointKind: Record<string, string>;
    talkHeaders: string[];
    gradeHeaders: string[];
    grade: Record<string, string>;
  };
  archive: {
    title: (name: string) => string;
    file: (name: string) => string;
    sheets: { records: string; years: string };
    recordHeaders: string[];
    yearHeaders: string[];
    category: Record<string, string>;
    voided: string;
  };
}

const zhCN: ReportLabels = {
  measures: {
    classes: '班次数',
    people: '培训人数',
    personTimes: '培训人次',
    hours: '学时',
    attendanceRate: '出勤率',
    satisfaction: '满意度',
    completionRate: '结业率',
  },
  total: '合计',
  annual: {
    title: (year, scope) => `${year}年度干部教育培训统计表（${scope}）`,
    file: (year) => `${year}年度干部教育培训统计表`,
    sheets: { totals: '总表', byKind: '按类型', byMonth: '按月份', byRegion: '按地区', classes: '班次明细' },
    kind: '班次类型',
    month: '月份',
    region: '地区',
    classHeaders: ['序号', '班次编号', '班次名称', '班次类型', '开班日期', '结业日期'],
    generated: '统计时间',
  },
  summary: {
    title: (name) => `${name}总结报表`,
    file: (code) => `班次总结报表-${code}`,
    sheets: {
      overview: '概况',
      regions: '学员地区分布',
      evaluation: '评估',
      incidents: '事项',
      questions: '互动答疑',
    },
    item: '项目',
    value: '数值',
    overview: {
      code: '班次编号',
      name: '班次名称',
      kind: '班次类型',
      dates: '起止日期',
      organiser: '主办单位',
      people: '学员人数',
      withdrawn: '退学人数',
      attendanceItems: '考勤记录',
      present: '出勤',
      late: '迟到',
      leftEarly: '早退',
      onLeave: '请假',
      absent: '缺勤',
      attendanceRate: '出勤率',
      forms: '评估表',
      responses: '评估答卷',
      score: '总体评分',
      decided: '已认定结业',
      completed: '结业',
      notCompleted: '未结业',
      certificates: '有效证书',
      hours: '授予学时',
      questions: '学员提问',
      answered: '已解答问题',
      answeredShare: '问题解答率',
      votes: '问题点赞',
    },
    region: '地区',
    formHeaders: ['评估表', '对象', '答卷数', '平均评分'],
    target: { lecture: '课程', class: '班次' },
    incidentHeaders: ['类型', '日期', '内容'],
    questionHeaders: ['课程（环节）', '时间', '提问数', '已解答', '解答率', '点赞数'],
    incidentKinds: { withdrawal: '退学', leave_summary: '请假', long_leave: '长假' },
    leaveCounts: (a, r, p, c) => `请假申请：批准 ${a} 件，不批准 ${r} 件，待审批 ${p} 件，撤回 ${c} 件`,
    longLeave: (name, hours, status, reason) => `${name}：${hours} 学时（${status}）${reason}`,
    withdrawal: (name, reason) => (reason ? `${name}：${reason}` : name),
    leaveStatus: { approved: '已批准', rejected: '不批准', pending: '待审批', cancelled: '已撤回' },
  },
  pairing: {
    title: (name, year) => `${name}${year}年度交流工作报表`,
    file: (year) => `结对交流年度报表-${year}`,
    sheets: {
      secondments: '选派情况',
      jointClasses: '联合办班',
      talks: '回访座谈',
      assessments: '考核',
      narrative: '综述',
    },
    secondmentHeaders: ['方向', '类别', '专业', '当年选派人数', '当年选派人次', '在岗人数', '在岗人次'],
    allCategories: '小计',
    category: { cadre: '党政干部', professional: '专业技术人才' },
    specialty: { medical: '医疗', education: '教育', agriculture: '农业', other: '其他' },
    jointHeaders: ['类型', '班次数', '培训人数', '培训人次'],
    jointKind: { leadership: '领导干部培训', professional: '专业技术人才培训' },
    talkHeaders: ['日期', '主题', '地点', '参加人员', '选派人员人数'],
    gradeHeaders: ['等次', '人次'],
    grade: { excellent: '优秀', competent: '称职', basically_competent: '基本称职', incompetent: '不称职' },
  },
  archive: {
    title: (name) => `${name}干部教育培训档案`,
    file: (name) => `培训档案-${name}`,
    sheets: { records: '培训记录', years: '学时汇总' },
    recordHeaders: [
      '序号',
      '年度',
      '名称',
      '主办单位',
      '类别',
      '开始日期',
      '结束日期',
      '学时',
      '计入学时',
      '证书编号',
      '备注',
    ],
    yearHeaders: ['年度', '脱产培训', '网络培训', '境外培训', '合计'],
    category: { full_time: '脱产培训', online: '网络培训', abroad: '境外培训' },
    voided: '已作废',
  },
};

const zhTW: ReportLabels = {
  measures: {
    classes: '班次數',
    people: '培訓人數',
    personTimes: '培訓人次',
    hours: '學時',
    attendanceRate: '出勤率',
    satisfaction: '滿意度',
    completionRate: '結業率',
  },
  total: '合計',
  annual: {
    title: (year, scope) => `${year}年度幹部教育培訓統計表（${scope}）`,
    file: (year) => `${year}年度幹部教育培訓統計表`,
    sheets: { totals: '總表', byKind: '按類型', byMonth: '按月份', byRegion: '按地區', classes: '班次明細' },
    kind: '班次類型',
    month: '月份',
    region: '地區',
    classHeaders: ['序號', '班次編號', '班次名稱', '班次類型', '開班日期', '結業日期'],
    generated: '統計時間',
  },
  summary: {
    title: (name) => `${name}總結報表`,
    file: (code) => `班次總結報表-${code}`,
    sheets: {
      overview: '概況',
      regions: '學員地區分佈',
      evaluation: '評估',
      incidents: '事項',
      questions: '互動答疑',
    },
    item: '項目',
    value: '數值',
    overview: {
      code: '班次編號',
      name: '班次名稱',
      kind: '班次類型',
      dates: '起止日期',
      organiser: '主辦單位',
      people: '學員人數',
      withdrawn: '退學人數',
      attendanceItems: '考勤記錄',
      present: '出勤',
      late: '遲到',
      leftEarly: '早退',
      onLeave: '請假',
      absent: '缺勤',
      attendanceRate: '出勤率',
      forms: '評估表',
      responses: '評估答卷',
      score: '總體評分',
      decided: '已認定結業',
      completed: '結業',
      notCompleted: '未結業',
      certificates: '有效證書',
      hours: '授予學時',
      questions: '學員提問',
      answered: '已解答問題',
      answeredShare: '問題解答率',
      votes: '問題點讚',
    },
    region: '地區',
    formHeaders: ['評估表', '對象', '答卷數', '平均評分'],
    target: { lecture: '課程', class: '班次' },
    incidentHeaders: ['類型', '日期', '內容'],
    questionHeaders: ['課程（環節）', '時間', '提問數', '已解答', '解答率', '點讚數'],
    incidentKinds: { withdrawal: '退學', leave_summary: '請假', long_leave: '長假' },
    leaveCounts: (a, r, p, c) => `請假申請：批准 ${a} 件，不批准 ${r} 件，待審批 ${p} 件，撤回 ${c} 件`,
    longLeave: (name, hours, status, reason) => `${name}：${hours} 學時（${status}）${reason}`,
    withdrawal: (name, reason) => (reason ? `${name}：${reason}` : name),
    leaveStatus: { approved: '已批准', rejected: '不批准', pending: '待審批', cancelled: '已撤回' },
  },
  pairing: {
    title: (name, year) => `${name}${year}年度交流工作報表`,
    file: (year) => `結對交流年度報表-${year}`,
    sheets: {
      secondments: '選派情況',
      jointClasses: '聯合辦班',
      talks: '回訪座談',
      assessments: '考核',
      narrative: '綜述',
    },
    secondmentHeaders: ['方向', '類別', '專業', '當年選派人數', '當年選派人次', '在崗人數', '在崗人次'],
    allCategories: '小計',
    category: { cadre: '黨政幹部', professional: '專業技術人才' },
    specialty: { medical: '醫療', education: '教育', agriculture: '農業', other: '其他' },
    jointHeaders: ['類型', '班次數', '培訓人數', '培訓人次'],
    jointKind: { leadership: '領導幹部培訓', professional: '專業技術人才培訓' },
    talkHeaders: ['日期', '主題', '地點', '參加人員', '選派人員人數'],
    gradeHeaders: ['等次', '人次'],
    grade: { excellent: '優秀', competent: '稱職', basically_competent: '基本稱職', incompetent: '不稱職' },
  },
  archive: {
    title: (name) => `${name}幹部教育培訓檔案`,
    file: (name) => `培訓檔案-${name}`,
    sheets: { records: '培訓記錄', years: '學時匯總' },
    recordHeaders: [
      '序號',
      '年度',
      '名稱',
      '主辦單位',
      '類別',
      '開始日期',
      '結束日期',
      '學時',
      '計入學時',
      '證書編號',
      '備註',
    ],
    yearHeaders: ['年度', '脫產培訓', '網絡培訓', '境外培訓', '合計'],
    category: { full_time: '脫產培訓', online: '網絡培訓', abroad: '境外培訓' },
    voided: '已作廢',
  },
};

const en: ReportLabels = {
  measures: {
    classes: 'Classes',
    people: 'People trained',
    personTimes: 'Person-times',
    hours: 'Study hours',
    attendanceRate: 'Attendance rate',
    satisfaction: 'Satisfaction',
    completionRate: 'Completion rate',
  },
  total: 'Total',
  annual: {
    title: (year, scope) => `Cadre training statistics ${year} (${scope})`,
    file: (year) => `Annual training report ${year}`,
    sheets: {
      totals: 'Totals',
      byKind: 'By kind',
      byMonth: 'By month',
      byRegion: 'By region',
      classes: 'Classes',
    },
    kind: 'Class kind',
    month: 'Month',
    region: 'Region',
    classHeaders: ['No.', 'Code', 'Class', 'Kind', 'Start', 'End'],
    generated: 'Generated',
  },
  summary: {
    title: (name) => `${name}: summary report`,
    file: (code) => `Class summary ${code}`,
    sheets: {
      overview: 'Overview',
      regions: 'Trainees by region',
      evaluation: 'Evaluation',
      incidents: 'Incidents',
      questions: 'Questions',
    },
    item: 'Item',
    value: 'Value',
    overview: {
      code: 'Code',
      name: 'Class',
      kind: 'Kind',
      dates: 'Dates',
      organiser: 'Organiser',
      people: 'Trainees',
      withdrawn: 'Withdrawn',
      attendanceItems: 'Attendance records',
      present: 'Present',
      late: 'Late',
      leftEarly: 'Left early',
      onLeave: 'On leave',
      absent: 'Absent',
      attendanceRate: 'Attendance rate',
      forms: 'Evaluation forms',
      responses: 'Responses',
      score: 'Overall score',
      decided: 'Completion decided',
      completed: 'Completed',
      notCompleted: 'Not completed',
      certificates: 'Valid certificates',
      hours: 'Hours credited',
      questions: 'Questions asked',
      answered: 'Questions answered',
      answeredShare: 'Share answered',
      votes: 'Question votes',
    },
    region: 'Region',
    formHeaders: ['Form', 'Target', 'Responses', 'Mean rating'],
    target: { lecture: 'Lecture', class: 'Class' },
    incidentHeaders: ['Kind', 'Date', 'Detail'],
    questionHeaders: ['Item', 'Time', 'Questions', 'Answered', 'Share answered', 'Votes'],
    incidentKinds: { withdrawal: 'Withdrawal', leave_summary: 'Leave', long_leave: 'Long leave' },
    leaveCounts: (a, r, p, c) => `Leave requests: ${a} approved, ${r} refused, ${p} pending, ${c} cancelled`,
    longLeave: (name, hours, status, reason) => `${name}: ${hours} h (${status}) ${reason}`,
    withdrawal: (name, reason) => (reason ? `${name}: ${reason}` : name),
    leaveStatus: { approved: 'approved', rejected: 'refused', pending: 'pending', cancelled: 'cancelled' },
  },
  pairing: {
    title: (name, year) => `${name}: exchange report ${year}`,
    file: (year) => `Pairing annual report ${year}`,
    sheets: {
      secondments: 'Secondments',
      jointClasses: 'Joint classes',
      talks: 'Follow-up talks',
      assessments: 'Assessments',
      narrative: 'Narrative',
    },
    secondmentHeaders: [
      'Direction',
      'Category',
      'Specialty',
      'Started (people)',
      'Started (person-times)',
      'In post (people)',
      'In post (person-times)',
    ],
    allCategories: 'Subtotal',
    category: { cadre: 'Cadres', professional: 'Professionals' },
    specialty: { medical: 'Medical', education: 'Education', agriculture: 'Agriculture', other: 'Other' },
    jointHeaders: ['Kind', 'Classes', 'People', 'Person-times'],
    jointKind: { leadership: 'Leadership training', professional: 'Professional training' },
    talkHeaders: ['Date', 'Title', 'Place', 'Participants', 'Secondees'],
    gradeHeaders: ['Grade', 'Count'],
    grade: {
      excellent: 'Excellent',
      competent: 'Competent',
      basically_competent: 'Basically competent',
      incompetent: 'Incompetent',
    },
  },
  archive: {
    title: (name) => `${name}: training archive`,
    file: (name) => `Training archive ${name}`,
    sheets: { records: 'Records', years: 'Hours by year' },
    recordHeaders: [
      'No.',
      'Year',
      'Title',
      'Organiser',
      'Category',
      'Start',
      'End',
      'Hours',
      'Credited',
      'Certificate',
      'Note',
    ],
    yearHeaders: ['Year', 'Full-time', 'Online', 'Abroad', 'Total'],
    category: { full_time: 'Full-time', online: 'Online', abroad: 'Abroad' },
    voided: 'Voided',
  },
};

const LABELS: Record<MessageLocale, ReportLabels> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export function reportLabels(locale: MessageLocale): ReportLabels {
  return LABELS[locale] ?? zhCN;
}

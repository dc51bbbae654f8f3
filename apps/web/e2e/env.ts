import { tmpdir } from 'node:os';
import path from 'node:path';

/** Port of the server that the e2e run starts (unless E2E_BASE_URL points at a running one). */
export const E2E_PORT = 3199;

/** Where global setup leaves the server's pid and data folder for global teardown. */
export const STATE_FILE = path.join(tmpdir(), `ganxun-e2e-${E2E_PORT}.json`);

/** Port of the SMTP server that global setup starts to capture the e2e server's email (issue 9). */
export const SMTP_CAPTURE_PORT = 2599;

/** Where that SMTP server appends each message it receives, one JSON object a line ({ from, to, raw }). */
export const MAIL_FILE = path.join(tmpdir(), `ganxun-e2e-${E2E_PORT}-mail.jsonl`);

/** The accounts that global setup creates; each spec uses its own so that none disturbs another. */
export const USERS = {
  admin: {
    username: 'e2e_sysadmin',
    password: 'Sys#Admin2024x',
    role: 'system_admin',
    noPasswordChange: true,
  },
  secadmin: {
    username: 'e2e_secadmin',
    password: 'Sec#Admin2024x',
    role: 'security_admin',
    noPasswordChange: true,
  },
  auditor: { username: 'e2e_auditor', password: 'Aud#Itor2024x', role: 'auditor', noPasswordChange: true },
  newcomer: { username: 'e2e_newcomer', password: 'Temp#Pass2024', role: 'trainee', noPasswordChange: false },
  victim: { username: 'e2e_lockme', password: 'Lock#Me2024x', role: 'trainee', noPasswordChange: true },
  polyglot: { username: 'e2e_polyglot', password: 'Poly#Glot2024', role: 'lecturer', noPasswordChange: true },
  roleTarget: { username: 'e2e_target', password: 'Tar#Get2024xx', role: 'trainee', noPasswordChange: true },
  twoFactor: {
    username: 'e2e_twofactor',
    password: 'Two#Factor2024',
    role: 'lecturer',
    noPasswordChange: true,
  },
  // A business user at phone width: a class director (no scope: the classes that name them).
  phone: {
    username: 'e2e_phone',
    password: 'Pho#Ne2024xx',
    role: 'class_director',
    noPasswordChange: true,
  },
  // secadmin.spec.ts: the org admin of Hangzhou adds the unit that the security admin then picks
  // as a liaison's scope.
  scopeOrgAdmin: {
    username: 'e2e_scope_org',
    password: 'Hang#Zhou2024x',
    role: 'org_admin',
    scope: '330100',
    noPasswordChange: true,
  },
  // import.spec.ts: the org admin of Enshi prefecture imports a roster …
  importOrgAdmin: {
    username: 'e2e_import_org',
    password: 'Enshi#Org2024x',
    role: 'org_admin',
    scope: '422800',
    noPasswordChange: true,
  },
  // … and this account becomes the liaison of one imported unit (the spec assigns the role: units
  // get their ids only when the spec creates them).
  importLiaison: {
    username: 'e2e_import_liaison',
    password: 'Unit#Liaison2024',
    role: 'trainee',
    noPasswordChange: true,
  },
  // directory.spec.ts: the org admin of Hubei province keeps units and people …
  dirOrgAdmin: {
    username: 'e2e_dir_org',
    password: 'Hubei#Org2024x',
    role: 'org_admin',
    scope: '420000',
    noPasswordChange: true,
  },
  // … and this account becomes the liaison of another unit (assigned by the spec, once the unit exists).
  dirLiaison: {
    username: 'e2e_dir_liaison',
    password: 'Other#Unit2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  // classes.spec.ts: the org admin of Hubei runs a class with quotas for the 17 prefectures …
  clsOrgAdmin: {
    username: 'e2e_cls_org',
    password: 'Class#Org2024x',
    role: 'org_admin',
    scope: '420000',
    noPasswordChange: true,
  },
  // … the party school's training officer approves and keeps the roster (the role is assigned by
  // the spec: its scope is the school, a unit the spec creates) …
  clsOfficer: {
    username: 'e2e_cls_officer',
    password: 'Class#Jwc2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  // … and two liaisons nominate, each of their own unit (roles assigned by the spec likewise).
  clsLiaisonA: {
    username: 'e2e_cls_liaison_a',
    password: 'Enshi#Lia2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  clsLiaisonB: {
    username: 'e2e_cls_liaison_b',
    password: 'Wuhan#Lia2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  // timetable.spec.ts: the org admin of Zhejiang sets up the party school and a trainee's account …
  ttOrgAdmin: {
    username: 'e2e_tt_org',
    password: 'Zhe#Jiang2024x',
    role: 'org_admin',
    scope: '330000',
    noPasswordChange: true,
  },
  // … and the school's training officer builds the timetable (role assigned once the school exists).
  ttOfficer: {
    username: 'e2e_tt_officer',
    password: 'Time#Table2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  // results.spec.ts (issue 6): the org admin of Yichang sets up the institution and the trainees …
  rsOrgAdmin: {
    username: 'e2e_rs_org',
    password: 'Yi#Chang2024xx',
    role: 'org_admin',
    scope: '420500',
    noPasswordChange: true,
  },
  // … the institution's training officer runs the class and issues certificates (role assigned by
  // the spec, once the institution exists) …
  rsOfficer: {
    username: 'e2e_rs_officer',
    password: 'Cert#Ifies2024x',
    role: 'trainee',
    noPasswordChange: true,
  },
  // … and the class director runs it day to day (named on the class).
  rsDirector: {
    username: 'e2e_rs_director',
    password: 'Ban#Zhuren2024x',
    role: 'class_director',
    noPasswordChange: true,
  },
  // exchange.spec.ts (issue 7): the org admin of Huanggang pairs with Ningbo, imports the
  // secondments and asks for an extension …
  exOrgAdmin: {
    username: 'e2e_ex_org',
    password: 'Huang#Gang2024x',
    role: 'org_admin',
    scope: '421100',
    noPasswordChange: true,
  },
  // … a second admin of Huanggang decides it (separation of duties) …
  exApprover: {
    username: 'e2e_ex_approver',
    password: 'Appro#Ver2024x',
    role: 'org_admin',
    scope: '421100',
    noPasswordChange: true,
  },
  // … and the org admin of Ningbo adds the host units on its side.
  exPartner: {
    username: 'e2e_ex_partner',
    password: 'Ning#Bo2024xxx',
    role: 'org_admin',
    scope: '330200',
    noPasswordChange: true,
  },
  // Statistics (issue 8): 襄阳's org admin runs classes no other spec touches; 樊城区's sees a part.
  stOrgAdmin: {
    username: 'e2e_st_org',
    password: 'Xiang#Yang2024x',
    role: 'org_admin',
    scope: '420600',
    noPasswordChange: true,
  },
  stCountyAdmin: {
    username: 'e2e_st_county',
    password: 'Fan#Cheng2024xx',
    role: 'org_admin',
    scope: '420606',
    noPasswordChange: true,
  },
  // Live questions (issue 10): 随州's org admin and school run a class whose director moderates.
  qaOrgAdmin: {
    username: 'e2e_qa_org',
    password: 'Sui#Zhou2024xxx',
    role: 'org_admin',
    scope: '421300',
    noPasswordChange: true,
  },
  qaOfficer: {
    username: 'e2e_qa_officer',
    password: 'Dang#Xiao2024xx',
    role: 'trainee',
    noPasswordChange: true,
  },
  qaDirector: {
    username: 'e2e_qa_director',
    password: 'Zhu#Chi2024xxxx',
    role: 'class_director',
    noPasswordChange: true,
  },
  // Running a class (issue 9): 荆州's org admin sets up a class whose director works through the
  // task force's checklist and its incidents; another staff member joins the task force.
  opsOrgAdmin: {
    username: 'e2e_ops_org',
    password: 'Jing#Zhou2024xx',
    role: 'org_admin',
    scope: '421000',
    noPasswordChange: true,
  },
  opsDirector: {
    username: 'e2e_ops_director',
    password: 'Zhuan#Ban2024xx',
    role: 'class_director',
    displayName: '陈志刚',
    noPasswordChange: true,
  },
  opsStaff: {
    username: 'e2e_ops_staff',
    password: 'Hou#Qin2024xxxx',
    role: 'trainee',
    displayName: '张敏',
    noPasswordChange: true,
  },
} as const;

export type E2EUser = (typeof USERS)[keyof typeof USERS];

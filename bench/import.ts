// Import benchmark (issue 3): a generated 10,000-row people roster (xlsx, valid people in existing
// units of Enshi city), validated and committed through the import service as the API does it
// (upload → background validation → commit in one transaction). Prints the time of each phase and
// the parse-only time as a baseline: the share of the total spent reading the spreadsheet.
// Target: validate + commit < 10 s on the embedded database.
//
//   npx tsx bench/import.ts                         embedded database (PGlite, a fresh temp folder)
//   DATABASE_URL=postgres://… npx tsx bench/import.ts
//                                                   PostgreSQL: creates a scratch database on that
//                                                   server (needs CREATEDB) and drops it afterwards
// Settings: BENCH_ROWS (10000), BENCH_STRICT=1 (exit 1 when the target is missed).

import { PassThrough } from 'node:stream';
import { idCheckChar, PERSON_IMPORT_COLUMNS, PERSON_IMPORT_FIELDS, permissionsOf } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildServices } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { importJobs, people, regions, units } from '../apps/server/src/db/schema/index.js';
import { readRows } from '../apps/server/src/modules/imports/parse.js';
import type { Actor, RequestContext } from '../apps/server/src/platform/context.js';
import { fmt, load1, machine, makeDataDir, scratchDatabase, watchdog } from './lib.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const TARGET_MS = 10_000;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程'.split('');
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕彬建国志文斌辉力宇浩鹏飞俊峰'.split('');
const HEADERS = PERSON_IMPORT_FIELDS.filter((f) => f !== 'region').map(
  (f) => PERSON_IMPORT_COLUMNS[f].header,
);
const RANKS = ['乡科级正职', '乡科级副职', '科员级', '县处级副职', ''];

watchdog(20 * 60_000, () => {});

/** The roster: unique valid ID numbers agreeing with birth date and gender, labels as people write them. */
async function roster(unitNames: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = workbook.addWorksheet('人员名单');
  sheet.addRow(HEADERS).commit();
  for (let i = 0; i < ROWS; i++) {
    const year = 1960 + (i % 40);
    const month = 1 + (Math.floor(i / 40) % 12);
    const day = 1 + (Math.floor(i / 480) % 28);
    const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const seq = String(Math.floor(i / (480 * 28)) * 2 + (i % 2)).padStart(3, '0');
    const first17 = `422801${birth.replaceAll('-', '')}${seq}`;
    const id = first17 + idCheckChar(first17);
    const male = Number(seq.at(-1)) % 2 === 1;
    const professional = i % 3 === 0;
    sheet
      .addRow([
        `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
        male ? '男' : '女',
        i % 10 === 0 ? '土家族' : '汉族',
        birth,
        id,
        i % 2 === 0 ? `139${String(i).padStart(8, '0')}` : '',
        i % 4 === 0 ? '群众' : '中共党员',
        i % 5 === 0 ? '硕士研究生' : '大学本科',
        unitNames[i % unitNames.length],
        professional ? '医师' : '科员',
        professional ? '' : (RANKS[i % RANKS.length] as string),
        professional ? '专技人才' : '党政干部',
        professional ? '医疗' : '',
        '在职',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

const databaseUrl = process.env.DATABASE_URL;
const target = databaseUrl ? 'PostgreSQL' : 'embedded (PGlite)';
console.log(`\nImport benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${target}; ${ROWS} rows\n`);
const data = makeDataDir('import');
const scratch = databaseUrl ? await scratchDatabase(databaseUrl, 'import') : undefined;
let missed = false;
try {
  const config = loadConfig({ DATA_DIR: data.dir, LOG_LEVEL: 'silent' });
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
  try {
    await runMigrations(database);
    const services = buildServices(config, database);
    await services.dictionaries.seedReferenceData();
    const { db } = database;
    for (const [code, name, level, parent] of [
      ['420000', '湖北省', 'province', null],
      ['422800', '恩施土家族苗族自治州', 'prefecture', '420000'],
      ['422801', '恩施市', 'county', '422800'],
    ] as const)
      await db
        .insert(regions)
        .values({ code, name, nameZhTw: name, level, parentCode: parent, source: 'bench' })
        .onConflictDoNothing();
    const unitNames: string[] = [];
    for (const kind of [
      '卫生健康局',
      '教育局',
      '农业农村局',
      '人民医院',
      '第一中学',
      '龙凤镇卫生院',
      '实验小学',
      '机关幼儿园',
    ]) {
      const id = crypto.randomUUID();
      const name = `恩施市${kind}`;
      await db.insert(units).values({ id, name, type: 'other', regionCode: '422801', path: `/${id}/` });
      unitNames.push(name);
    }
    const user = await services.users.create(
      { actor: null, ip: null, userAgent: 'bench', requestId: null, locale: 'zh-CN' },
      {
        username: 'bench-importer',
        displayName: '导入',
        password: 'Load#Test2026pw',
        locale: 'zh-CN',
        mustChangePassword: false,
      },
    );
    const actor: Actor = {
      id: user.user.id,
      username: 'bench-importer',
      displayName: '导入',
      roles: [{ role: 'org_admin', scopeId: '422800' }],
      permissions: permissionsOf(['org_admin']),
      sessionId: 'bench',
    };
    const ctx: RequestContext = {
      actor,
      ip: '127.0.0.1',
      userAgent: 'bench',
      requestId: null,
      locale: 'zh-CN',
    };

    const [file, generateMs] = await time(() => roster(unitNames));
    const [parsed, parseMs] = await time(async () => {
      let n = 0;
      for await (const _ of readRows(file, 'xlsx')) n += 1;
      return n;
    });
    const [job, validateMs] = await time(async () => {
      const started = await services.imports.start(ctx, actor, { fileName: 'bench.xlsx', file, fields: {} });
      await services.imports.whenSettled(started.id);
      return services.imports.load(started.id);
    });
    if (job.status !== 'validated' || Number(job.summary.create) !== ROWS)
      throw new Error(
        `validation: ${job.status} ${JSON.stringify(job.summary)} ${JSON.stringify(job.failure)}`,
      );
    const [committed, commitMs] = await time(() => services.imports.commit(ctx, actor, job));
    const [count] = await db
      .select({ n: db.$count(people) })
      .from(people)
      .limit(1);
    if (committed.status !== 'committed' || Number(count?.n) !== ROWS)
      throw new Error(`commit: ${committed.status}, ${count?.n} people`);

    // The same file again: every row found and compared, nothing to write.
    const [again, revalidateMs] = await time(async () => {
      const started = await services.imports.start(ctx, actor, { fileName: 'bench.xlsx', file, fields: {} });
      await services.imports.whenSettled(started.id);
      return services.imports.load(started.id);
    });
    const [, recommitMs] = await time(() => services.imports.commit(ctx, actor, again));
    const stored = await db
      .select({ status: importJobs.status })
      .from(importJobs)
      .where(eq(importJobs.id, again.id));

    const total = validateMs + commitMs;
    missed = total >= TARGET_MS;
    const rate = (ms: number) => fmt((ROWS / ms) * 1000);
    console.log(`  generate xlsx (${fmt(file.length / 1024)} KB)  ${fmt(generateMs).padStart(7)} ms`);
    console.log(
      `  parse only (${parsed} rows)         ${fmt(parseMs).padStart(7)} ms   ${rate(parseMs)} rows/s   (baseline)`,
    );
    console.log(
      `  validate (upload → validated)   ${fmt(validateMs).padStart(7)} ms   ${rate(validateMs)} rows/s`,
    );
    console.log(
      `  commit (one transaction)        ${fmt(commitMs).padStart(7)} ms   ${rate(commitMs)} rows/s`,
    );
    console.log(
      `  validate + commit               ${fmt(total).padStart(7)} ms   (target < ${TARGET_MS} ms: ${missed ? 'MISSED' : 'met'}); parse is ${fmt((parseMs / total) * 100)}% of it`,
    );
    console.log(
      `  re-import, all unchanged        ${fmt(revalidateMs).padStart(7)} ms validate + ${fmt(recommitMs)} ms commit (${JSON.stringify(again.summary)}, ${stored[0]?.status})\n`,
    );
    console.log(
      `RESULT ${JSON.stringify({
        bench: 'import',
        machine: machine(),
        database: target,
        rows: ROWS,
        fileKb: Math.round(file.length / 1024),
        parseMs: Math.round(parseMs),
        validateMs: Math.round(validateMs),
        commitMs: Math.round(commitMs),
        totalMs: Math.round(total),
        parseShare: Number((parseMs / total).toFixed(3)),
        revalidateMs: Math.round(revalidateMs),
        recommitMs: Math.round(recommitMs),
        loadAverage: Number(load1().toFixed(2)),
      })}`,
    );
  } finally {
    await database.close();
  }
} finally {
  await scratch?.drop();
  data.remove();
}
if (missed && process.env.BENCH_STRICT === '1') process.exit(1);

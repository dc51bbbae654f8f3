#!/usr/bin/env node
// Sums the outcome of every CI stage (.ci/run writes one tab-separated line per stage:
// name, kind, exit code, report path, seconds) and prints one line per stage, then, as the very
// last line, "N passed, N failed". Exits 1 when anything failed.
//
// kinds: step       — install, check, build: no tests; a failure counts as 1 failed
//        vitest     — report from `vitest --reporter=json`
//        playwright — report from Playwright's json reporter
// A stage that failed without a readable report counts as at least 1 failed, and so does a stage
// whose command failed while its report shows no failed test (crash after the tests, unhandled
// error, global set-up failure).
import { existsSync, readFileSync } from 'node:fs';

const stagesFile = process.argv[2];
if (!stagesFile) {
  console.error('usage: node scripts/ci-summary.mjs <stages.tsv>');
  process.exit(2);
}

/** @typedef {{ passed: number, failed: number, skipped: number, note?: string }} Counts */

/** @returns {Counts | null} */
function readVitest(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  let failed = r.numFailedTests ?? 0;
  // Files that failed to load or whose hooks threw have no failed test of their own.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed += brokenFiles;
  return {
    passed: r.numPassedTests ?? 0,
    failed,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    ...(brokenFiles ? { note: `${brokenFiles} file(s) failed outside a test` } : {}),
  };
}

/** @returns {Counts | null} */
function readPlaywright(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.stats ?? {};
  let failed = s.unexpected ?? 0;
  const errors = (r.errors ?? []).length;
  if (errors > 0 && failed === 0) failed = 1; // global set-up or a spec file that did not load
  const notes = [];
  if (s.flaky) notes.push(`${s.flaky} flaky`);
  if (errors) notes.push(`${errors} error(s) outside tests: ${firstLine(r.errors[0]?.message)}`);
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed,
    skipped: s.skipped ?? 0,
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 160);
}

const lines = existsSync(stagesFile) ? readFileSync(stagesFile, 'utf8').split('\n').filter(Boolean) : [];
let passed = 0;
let failed = 0;
const rows = [];
for (const line of lines) {
  const [name, kind, rcText, report, seconds] = line.split('\t');
  const rc = Number(rcText);
  /** @type {Counts} */
  let c = { passed: 0, failed: 0, skipped: 0 };
  let status;
  if (kind === 'step') {
    if (rc !== 0) c.failed = 1;
    status = rc === 0 ? 'ok' : rc === 125 ? 'not run' : `failed (exit ${rc})`;
  } else {
    let parsed = null;
    let why = '';
    if (report && existsSync(report)) {
      try {
        parsed = kind === 'playwright' ? readPlaywright(report) : readVitest(report);
      } catch (error) {
        why = `unreadable report: ${error instanceof Error ? error.message : error}`;
      }
    } else why = rc === 125 ? 'not run' : 'no report';
    if (parsed) c = parsed;
    if (rc !== 0 && c.failed === 0) {
      c.failed = 1;
      c.note = [c.note, why || `exit ${rc} with no failed test in the report`].filter(Boolean).join('; ');
    } else if (why) c.note = [c.note, why].filter(Boolean).join('; ');
    status = `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
    if (rc !== 0 && rc !== 125) status += ` (exit ${rc})`;
  }
  if (c.note) status += ` — ${c.note}`;
  passed += c.passed;
  failed += c.failed;
  rows.push([name, status, `${seconds ?? '?'} s`]);
}
if (rows.length === 0) {
  failed = 1;
  rows.push(['(no stage ran)', 'failed', '']);
}
const width = Math.max(...rows.map((r) => r[0].length));
for (const [name, status, secs] of rows) console.log(`${name.padEnd(width)}  ${secs.padStart(6)}  ${status}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

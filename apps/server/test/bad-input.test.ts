import { randomUUID } from 'node:crypto';
import { ERROR_MESSAGES, type ErrorCode, type Role } from '@ganxun/domain';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeUser } from './factories.js';
import { createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Every operation of the OpenAPI document (so routes added later are covered without editing this
 * file) gets a battery of invalid requests. A 5xx is a bug; clearly invalid input must be a 4xx
 * with `{ error: { code, message } }` in the caller's language.
 */

interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maxLength?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  schema: Schema;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  params: Parameter[];
  body: Schema | undefined;
}

interface Case {
  name: string;
  url: string;
  payload?: string;
  /** 'client': must be a 4xx; a number: exactly that status; 'any': anything below 500. */
  expect: 'client' | 'any' | number;
  /** A field the error must name (dotted path, or its last segment for query parameters). */
  field?: string;
}

const SQL_TEXT = "'; drop table users; --";
const CONTROL = 'a\u0000b\u0007c\u001b';
const LONG = 'x'.repeat(10_000);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const CJK = /[\u4e00-\u9fff]/;

/** A value for a path or query parameter that its schema accepts (as far as we can tell). */
function validParam(schema: Schema): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.enum) return String(schema.enum[0]);
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  const candidates = ['class_kind', 'f'.repeat(64), 'abc', '01'];
  return (schema.pattern && candidates.find((c) => new RegExp(schema.pattern as string).test(c))) || 'abc';
}

/** A plausible body value: not necessarily valid, each case breaks one thing on top of it. */
function base(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, base(schema.properties?.[k] ?? {})]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return validParam(schema);
  }
}

/** A value of the wrong JSON type for the schema. */
function wrongType(schema: Schema): unknown {
  if (schema.enum) return 12345;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      return 12345;
  }
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        params: (op.parameters as Parameter[] | undefined) ?? [],
        body,
      });
    }
  }
  return out;
}

/** Every string property of an object schema, with its dotted path (one level of nesting). */
function stringProps(schema: Schema, prefix = ''): { path: string[]; schema: Schema }[] {
  const out: { path: string[]; schema: Schema }[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? [prefix, key] : [key];
    if (prop.type === 'object' && !prefix) out.push(...stringProps(prop, key));
    else if (prop.type === 'string' && !prop.enum) out.push({ path, schema: prop });
  }
  return out;
}

function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
  return copy;
}

function casesFor(op: Operation): Case[] {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const urlWith = (values: Record<string, string>, search = '') =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? '')) + search;
  const validPath = Object.fromEntries(pathParams.map((p) => [p.name, validParam(p.schema)]));
  const url = urlWith(validPath);
  const cases: Case[] = [];
  const hasBody = BODY_METHODS.has(op.method);

  if (op.method !== 'GET') {
    cases.push({ name: 'malformed JSON', url, payload: '{"a":', expect: hasBody ? 400 : 'any' });
    cases.push({
      name: '2 MB body',
      url,
      payload: JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }),
      expect: hasBody ? 413 : 'any',
    });
    cases.push({ name: 'a JSON array', url, payload: '[]', expect: op.body ? 400 : 'any' });
  }
  if (op.body) {
    const body = base(op.body);
    if (op.body.additionalProperties === false) {
      cases.push({
        name: 'unknown field',
        url,
        payload: JSON.stringify({ ...(body as object), zzUnknown: 1 }),
        expect: 400,
        field: 'zzUnknown',
      });
    }
    for (const [key, prop] of Object.entries(op.body.properties ?? {})) {
      cases.push({
        name: `wrong type for ${key}`,
        url,
        payload: JSON.stringify(withValue(body, [key], wrongType(prop))),
        expect: 400,
        field: key,
      });
    }
    for (const { path, schema } of stringProps(op.body)) {
      const field = path.join('.');
      const bounded = (schema.maxLength ?? Number.POSITIVE_INFINITY) < LONG.length || !!schema.pattern;
      cases.push({
        name: `10,000 characters in ${field}`,
        url,
        payload: JSON.stringify(withValue(body, path, LONG)),
        expect: bounded ? 400 : 'any',
        ...(bounded ? { field } : {}),
      });
      cases.push({
        name: `control characters in ${field}`,
        url,
        payload: JSON.stringify(withValue(body, path, CONTROL)),
        expect: 'any',
      });
      cases.push({
        name: `SQL text in ${field}`,
        url,
        payload: JSON.stringify(withValue(body, path, SQL_TEXT)),
        expect: 'any',
      });
    }
  }
  for (const p of query) {
    const q = (value: string) => `?${p.name}=${encodeURIComponent(value)}`;
    const typed =
      p.schema.type === 'integer' || p.schema.type === 'number' || !!p.schema.enum || !!p.schema.pattern;
    cases.push({
      name: `wrong type for ?${p.name}`,
      url: urlWith(validPath, q('not valid!')),
      expect: typed ? 400 : 'any',
    });
    const bounded = (p.schema.maxLength ?? Number.POSITIVE_INFINITY) < LONG.length || typed;
    cases.push({
      name: `10,000 characters in ?${p.name}`,
      url: urlWith(validPath, q(LONG)),
      expect: bounded ? 400 : 'any',
      ...(bounded ? { field: p.name } : {}),
    });
    cases.push({
      name: `control characters in ?${p.name}`,
      url: urlWith(validPath, q(CONTROL)),
      expect: 'any',
    });
    cases.push({ name: `SQL text in ?${p.name}`, url: urlWith(validPath, q(SQL_TEXT)), expect: 'any' });
  }
  for (const p of pathParams) {
    cases.push({
      name: `malformed percent-encoding in ${p.name}`,
      url: urlWith(validPath).replace(encodeURIComponent(validPath[p.name] ?? ''), '%E0%A4%A'),
      expect: 'client',
    });
    for (const bad of ['not a uuid!', SQL_TEXT, LONG.slice(0, 300)]) {
      cases.push({
        name: `invalid path ${p.name} "${bad.slice(0, 12)}"`,
        url: urlWith({ ...validPath, [p.name]: bad }),
        expect: 'client',
      });
    }
  }
  return cases;
}

let t: TestContext;
let operations: Operation[];
const accounts = new Map<Role, UserWithRoles>();

beforeAll(async () => {
  t = await createTestContext();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  operations = operationsOf(res.json());
  for (const role of ['system_admin', 'security_admin', 'auditor'] as const) {
    accounts.set(role, await makeUser(t.services, t.database, { roles: [{ role }] }));
  }
});
afterAll(async () => t.close());

/** What is wrong with one answer, or null. */
function problemWith(c: Case, res: LightMyRequestResponse, locale: 'zh-CN' | 'en'): string | null {
  const status = res.statusCode;
  if (status >= 500) return `status ${status}`;
  if (c.expect === 'client' && (status < 400 || status >= 500)) return `status ${status}, expected a 4xx`;
  if (typeof c.expect === 'number' && status !== c.expect) return `status ${status}, expected ${c.expect}`;
  if (status < 400) return null;
  let error: { code: ErrorCode; message: string; fields?: { path: string; message: string }[] };
  try {
    error = res.json().error;
  } catch {
    return `status ${status} without a JSON error body`;
  }
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string')
    return 'no { error: { code, message } }';
  if (error.message !== ERROR_MESSAGES[error.code]?.[locale])
    return `message "${error.message}" is not the ${locale} text of ${error.code}`;
  if (locale === 'en' && error.fields?.some((f) => CJK.test(f.message)))
    return 'a field message is not in English';
  if (c.field && !error.fields?.some((f) => f.path === c.field || f.path.endsWith(`.${c.field}`))) {
    return `no field ${c.field} in ${JSON.stringify(error.fields ?? [])}`;
  }
  return null;
}

describe.each([
  { role: 'system_admin' as const, locale: 'zh-CN' as const },
  { role: 'security_admin' as const, locale: 'en' as const },
  { role: 'auditor' as const, locale: 'en' as const },
])('bad input as $role ($locale)', ({ role, locale }) => {
  it('never causes a 5xx on any operation, and clearly invalid input is a localised 4xx', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('PUT /api/v1/users/{id}/roles');
    const account = accounts.get(role) as UserWithRoles;
    const problems: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (const c of casesFor(op)) {
        // A fresh session for every request: a case may legitimately end it (logout takes no body).
        const client = await signIn(t, account);
        client.locale = locale;
        const headers: Record<string, string> =
          c.payload === undefined ? {} : { 'content-type': 'application/json' };
        const res = await client.request(op.method as InjectOptions['method'], c.url, c.payload, headers);
        sent += 1;
        const problem = problemWith(c, res, locale);
        if (problem)
          problems.push(`${op.method} ${op.path} [${c.name}]: ${problem} — ${res.body.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(250);
  }, 120_000);
});

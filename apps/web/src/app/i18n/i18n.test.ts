import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/** Flattens nested messages into `a.b.c` → value. */
function flatten(messages: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const locales = { 'zh-CN': flatten(zhCN), 'zh-TW': flatten(zhTW), en: flatten(en) };
const reference = [...locales['zh-CN'].keys()].sort();

describe('web console messages', () => {
  it.each(Object.entries(locales))('%s has exactly the zh-CN key set', (_, messages) => {
    expect([...messages.keys()].sort()).toEqual(reference);
  });

  it.each(Object.entries(locales))('%s has no empty or non-string message', (_, messages) => {
    const bad = [...messages.entries()].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    expect(bad).toEqual([]);
  });

  it.each(Object.entries(locales))('%s uses the same {{placeholders}} as zh-CN', (_, messages) => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = reference.filter(
      (key) =>
        JSON.stringify(placeholders(messages.get(key))) !==
        JSON.stringify(placeholders(locales['zh-CN'].get(key))),
    );
    expect(mismatched).toEqual([]);
  });
});

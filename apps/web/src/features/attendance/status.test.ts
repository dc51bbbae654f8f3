import { describe, expect, it } from 'vitest';
import { defaultSessionId } from './status';

const item = (id: string, startsAt: string, endsAt: string) => ({ id, startsAt, endsAt });
// Times in UTC; the test runs with the machine's zone, so days are taken around noon.
const items = [
  item('d1-am', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z'),
  item('d2-am', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z'),
  item('d2-pm', '2026-11-24T13:00:00Z', '2026-11-24T14:00:00Z'),
  item('d4', '2026-11-26T09:00:00Z', '2026-11-26T10:00:00Z'),
];

describe('defaultSessionId', () => {
  it('opens today’s running or next item, else today’s first', () => {
    expect(defaultSessionId(items, new Date('2026-11-24T09:30:00Z'))).toBe('d2-am');
    expect(defaultSessionId(items, new Date('2026-11-24T11:00:00Z'))).toBe('d2-pm');
    expect(defaultSessionId(items, new Date('2026-11-24T15:00:00Z'))).toBe('d2-am');
  });

  it('without items today: the next to come, else the last', () => {
    expect(defaultSessionId(items, new Date('2026-11-25T12:00:00Z'))).toBe('d4');
    expect(defaultSessionId(items, new Date('2026-12-01T12:00:00Z'))).toBe('d4');
    expect(defaultSessionId([...items].reverse(), new Date('2026-11-20T12:00:00Z'))).toBe('d1-am');
    expect(defaultSessionId([], new Date())).toBeUndefined();
  });
});

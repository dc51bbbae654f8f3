import { describe, expect, it } from 'vitest';
import { classNoticeBody, noticeText, readShare, retryDelayMs } from './notices.js';

describe('notices', () => {
  it('words an event in the recipient language with its figures', () => {
    expect(
      noticeText(
        'timetable_changed',
        { className: '乡村振兴专题班', summary: '12月10日上午课程改至下午' },
        'zh-CN',
      ),
    ).toEqual({
      title: '课程表调整',
      body: '“乡村振兴专题班”的课程表已调整：12月10日上午课程改至下午',
    });
    expect(
      noticeText('certificate_issued', { className: '鄉村振興專題班', number: 'HB2026-0001' }, 'zh-TW').body,
    ).toBe('您在「鄉村振興專題班」的結業證書（編號HB2026-0001）已頒發。');
    expect(noticeText('forms_to_fill', { className: 'Rural revitalisation', count: 2 }, 'en').body).toContain(
      '2 evaluation forms',
    );
  });

  it('refuses a notice to chosen users without any user, and empty text', () => {
    const issues = (v: unknown) =>
      classNoticeBody.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(issues({ title: '开班通知', body: '请准时报到', audience: 'users' })).toEqual([
      'userIds:no_recipients',
    ]);
    expect(classNoticeBody.safeParse({ title: '开班通知', body: '   ', audience: 'trainees' }).success).toBe(
      false,
    );
    expect(
      classNoticeBody.parse({ title: '开班通知', body: '请准时报到', audience: 'trainees' }),
    ).toMatchObject({
      email: false,
      sms: false,
      pinned: false,
    });
  });

  it('backs off 1, 2, 4 … minutes and counts read receipts', () => {
    expect([1, 2, 3, 5].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 960_000]);
    expect(readShare(3, 4)).toBe(0.75);
    expect(readShare(0, 0)).toBeNull();
  });
});

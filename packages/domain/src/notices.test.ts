import { describe, expect, it } from 'vitest';
import { classNoticeBody, noticeParam, noticeText, readShare, retryDelayMs } from './notices.js';

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

  it('words code parameters per language and keeps names as given', () => {
    const leave = (locale: 'zh-CN' | 'zh-TW' | 'en') =>
      noticeText('leave_decided', { className: '乡村振兴专题班', decision: 'rejected' }, locale).body;
    expect(leave('zh-CN')).toBe('您在“乡村振兴专题班”的请假申请未获批准。');
    // The class's name stays as stored (simplified) in the zh-TW copy; only the code is worded.
    expect(leave('zh-TW')).toBe('您在「乡村振兴专题班」的請假申請未獲批准。');
    expect(leave('en')).toBe('Your leave request in "乡村振兴专题班" was not approved.');
    expect(noticeText('leave_decided', { className: 'A', decision: 'approved' }, 'en').body).toContain(
      'was approved.',
    );
    const incident = (locale: 'zh-CN' | 'zh-TW' | 'en') =>
      noticeText('incident_raised', { className: '班', severity: 'critical', title: '学员晕倒' }, locale)
        .body;
    expect(incident('zh-CN')).toBe('“班”报告了特别重大突发事件：学员晕倒');
    expect(incident('zh-TW')).toBe('「班」報告了特別重大突發事件：学员晕倒');
    expect(incident('en')).toBe('"班" reported a critical incident: 学员晕倒');
    // A name that happens to equal a code is not worded: only the code parameters are.
    expect(noticeParam('className', 'approved', 'zh-CN')).toBe('approved');
    expect(noticeParam('severity', 'toString', 'en')).toBe('toString');
    expect(noticeParam('severity', undefined, 'en')).toBe('');
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

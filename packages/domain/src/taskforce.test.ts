import { describe, expect, it } from 'vitest';
import {
  actionTimeProblem,
  checklistProgress,
  contingencyPlanBody,
  dueDateOf,
  dueProblem,
  incidentTimes,
  incidentTransition,
  isOverdue,
  medianMinutes,
  sortTasks,
  taskBody,
} from './taskforce.js';

const klass = { startDate: '2026-12-10', endDate: '2026-12-12' };

describe('due dates of a checklist', () => {
  it('resolves T−30, T−1 and end+2 against the class, and keeps absolute days', () => {
    expect(dueDateOf({ kind: 'relative', anchor: 'start', offsetDays: -30 }, klass)).toBe('2026-11-10');
    expect(dueDateOf({ kind: 'relative', anchor: 'start', offsetDays: -1 }, klass)).toBe('2026-12-09');
    expect(dueDateOf({ kind: 'relative', anchor: 'end', offsetDays: 2 }, klass)).toBe('2026-12-14');
    expect(dueDateOf({ kind: 'date', date: '2026-12-01' }, klass)).toBe('2026-12-01');
    expect(
      dueDateOf({ kind: 'relative', anchor: 'start', offsetDays: -7 }, { startDate: null, endDate: null }),
    ).toBeNull();
  });

  it('is overdue only when open and past its day; refuses a day before the plan existed', () => {
    expect(isOverdue({ status: 'todo', dueDate: '2026-11-23' }, '2026-11-24')).toBe(true);
    expect(isOverdue({ status: 'doing', dueDate: '2026-11-24' }, '2026-11-24')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-11-01' }, '2026-11-24')).toBe(false);
    expect(isOverdue({ status: 'todo', dueDate: null }, '2026-11-24')).toBe(false);
    expect(dueProblem('2026-11-01', '2026-11-05')).toBe('due_before_plan');
    expect(dueProblem('2026-11-05', '2026-11-05')).toBeNull();
  });

  it('orders open tasks by due day, undated after, closed last; counts progress without cancelled ones', () => {
    const tasks = [
      { title: '布置会场', status: 'done' as const, dueDate: '2026-12-09' },
      { title: '确认授课教师', status: 'todo' as const, dueDate: '2026-12-03' },
      { title: '印制学员手册', status: 'doing' as const, dueDate: null },
      { title: '发通知', status: 'todo' as const, dueDate: '2026-11-10' },
      { title: '预订酒店', status: 'cancelled' as const, dueDate: '2026-11-20' },
    ];
    expect(sortTasks(tasks).map((t) => t.title)).toEqual([
      '发通知',
      '确认授课教师',
      '印制学员手册',
      '预订酒店',
      '布置会场',
    ]);
    expect(checklistProgress(tasks)).toEqual({ total: 4, done: 1, share: 0.25 });
    expect(checklistProgress([])).toEqual({ total: 0, done: 0, share: null });
  });

  it('checks a task body: a title, a due of a known kind', () => {
    expect(taskBody.safeParse({ title: '' }).success).toBe(false);
    expect(
      taskBody.safeParse({ title: '发通知', due: { kind: 'relative', offsetDays: -30 } }).data?.due,
    ).toEqual({
      kind: 'relative',
      anchor: 'start',
      offsetDays: -30,
    });
    expect(taskBody.safeParse({ title: '发通知', due: { kind: 'someday' } }).success).toBe(false);
  });
});

describe('incidents', () => {
  it('moves open → handling → resolved → reviewed, and may reopen', () => {
    expect(incidentTransition('open', 'action')).toBe('handling');
    expect(incidentTransition('open', 'resolve')).toBe('resolved');
    expect(incidentTransition('handling', 'review')).toBeNull();
    expect(incidentTransition('resolved', 'review')).toBe('reviewed');
    expect(incidentTransition('reviewed', 'reopen')).toBe('handling');
    expect(incidentTransition('reviewed', 'action')).toBeNull();
  });

  it('measures minutes from the report to the first action and to the resolution', () => {
    const times = incidentTimes({
      occurredAt: '2026-12-10T10:00:00+08:00',
      reportedAt: '2026-12-10T10:05:00+08:00',
      firstActionAt: '2026-12-10T10:12:00+08:00',
      resolvedAt: '2026-12-10T11:35:00+08:00',
    });
    expect(times).toEqual({ toFirstAction: 7, toResolution: 90 });
    expect(
      incidentTimes({
        occurredAt: '2026-12-10T10:00:00Z',
        reportedAt: '2026-12-10T10:00:00Z',
        firstActionAt: null,
        resolvedAt: null,
      }),
    ).toEqual({ toFirstAction: null, toResolution: null });
    expect(medianMinutes([7, null, 3, 20])).toBe(7);
    expect(medianMinutes([7, 3])).toBe(5);
    expect(medianMinutes([null])).toBeNull();
  });

  it('refuses an action in the future or before the incident happened', () => {
    const incident = { occurredAt: '2026-12-10T10:00:00+08:00' };
    const now = new Date('2026-12-10T12:00:00+08:00');
    expect(actionTimeProblem(new Date('2026-12-10T12:30:00+08:00'), incident, now)).toBe('action_in_future');
    expect(actionTimeProblem(new Date('2026-12-10T09:00:00+08:00'), incident, now)).toBe(
      'action_before_incident',
    );
    expect(actionTimeProblem(new Date('2026-12-10T11:00:00+08:00'), incident, now)).toBeNull();
  });
});

describe('contingency plans', () => {
  it('needs at least one step with text', () => {
    expect(
      contingencyPlanBody.safeParse({ title: '暴雨应急预案', type: 'severe_weather', steps: [] }).success,
    ).toBe(false);
    expect(
      contingencyPlanBody.safeParse({
        title: '暴雨应急预案',
        type: 'severe_weather',
        steps: [{ text: '启动室内教学备选方案', role: 'teaching' }],
      }).success,
    ).toBe(true);
  });
});

import type { EnrollmentView, GroupView, MessageLocale } from '@ganxun/domain';
import type { EnrollmentRow } from './query.js';

/**
 * Enrollment row → API shape. The mobile number is always the stored masked form: the roster page
 * never carries clear contacts; a reader with roster.contacts gets them from the contact-list
 * export, which is audited (rosters module).
 */
export function presentEnrollment(e: EnrollmentRow, locale: MessageLocale): EnrollmentView {
  return {
    id: e.id,
    classId: e.classId,
    nominationId: e.nominationId,
    person: {
      id: e.personId,
      name: e.personName,
      gender: e.personGender,
      unitName: e.personUnitName,
      post: e.personPost,
      rank: e.personRank,
      regionName:
        (locale === 'zh-TW' ? e.personRegionNameZhTw || e.personRegionName : e.personRegionName) ?? null,
      mobile: e.mobileMasked,
    },
    groupId: e.groupId,
    groupName: e.groupName,
    role: e.role,
    arrivalAt: e.arrivalAt?.toISOString() ?? null,
    arrivalTransport: e.arrivalTransport,
    arrivalNumber: e.arrivalNumber,
    returnTicketNeeded: e.returnTicketNeeded,
    accommodation: e.accommodation,
    note: e.note,
    status: e.status,
    checkedInAt: e.checkedInAt?.toISOString() ?? null,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    withdrawReason: e.withdrawReason,
  };
}

export function presentGroup(g: {
  id: string;
  name: string;
  sortOrder: number;
  members: number;
  leaderName: string | null;
}): GroupView {
  return {
    id: g.id,
    name: g.name,
    sortOrder: g.sortOrder,
    members: Number(g.members),
    leaderName: g.leaderName,
  };
}

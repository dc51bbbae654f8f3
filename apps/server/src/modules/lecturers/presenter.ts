import type { LecturerView } from '@ganxun/domain';
import type { LecturerRecord } from './service.js';

/** Lecturer → API shape. The one place a lecturer leaves the server: the mobile number only masked. */
export function presentLecturer({ row, personName }: LecturerRecord): LecturerView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    affiliation: row.affiliation,
    title: row.title,
    expertise: row.expertise,
    mobile: row.mobileMasked,
    email: row.email,
    biography: row.biography,
    personId: row.personId,
    personName,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

import { creditedHours, type StudyRecord, type TrainingRecordView } from '@ganxun/domain';
import { eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { certificates, trainingRecords, users } from '../../db/schema/index.js';

export type TrainingRecordRow = typeof trainingRecords.$inferSelect;

/** A record with what its view names: the certificate's number and who entered it. */
export interface LoadedRecord {
  record: TrainingRecordRow;
  certificateNumber: string | null;
  createdByName: string | null;
}

/** Records with their certificate number and creator's name, for presenting. */
export function selectRecords(exec: Executor, where: SQL | undefined) {
  return exec
    .select({
      record: trainingRecords,
      certificateNumber: certificates.number,
      createdByName: users.displayName,
    })
    .from(trainingRecords)
    .leftJoin(certificates, eq(certificates.id, trainingRecords.certificateId))
    .leftJoin(users, eq(users.id, trainingRecords.createdBy))
    .where(where);
}

export function presentRecord({
  record: r,
  certificateNumber,
  createdByName,
}: LoadedRecord): TrainingRecordView {
  const voidedAt = r.voidedAt ? r.voidedAt.toISOString() : null;
  return {
    id: r.id,
    personId: r.personId,
    title: r.title,
    organiser: r.organiser,
    category: r.category,
    source: r.source,
    classId: r.classId,
    certificateNumber,
    startDate: r.startDate,
    endDate: r.endDate,
    year: r.year,
    hours: Number(r.hours),
    creditedHours: creditedHours({ hours: Number(r.hours), voidedAt }),
    note: r.note,
    voidedAt,
    voidReason: r.voidReason,
    createdBy: createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What the domain's totals need of a record. */
export function studyRecordOf(r: TrainingRecordRow): StudyRecord {
  return {
    category: r.category,
    endDate: r.endDate,
    hours: Number(r.hours),
    voidedAt: r.voidedAt ? r.voidedAt.toISOString() : null,
  };
}

import { AppError } from '../../platform/errors.js';
import type { ClassRecord } from '../classes/service.js';

/** Class statuses in which completion may be confirmed (结业确认). */
export const CONFIRMABLE_STATUSES: readonly string[] = ['in_progress', 'completed'];
/** Class statuses in which nothing of a class's results changes any more. */
export const CLOSED_STATUSES: readonly string[] = ['archived', 'cancelled'];
/** Class statuses in which a trainee may submit a reflection. */
export const SUBMITTABLE_STATUSES: readonly string[] = [
  'published',
  'nominations_closed',
  'in_progress',
  'completed',
];

/** 409 `class_status` once the class is archived or cancelled: its results no longer change. */
export function requireOpen(record: ClassRecord): void {
  if (CLOSED_STATUSES.includes(record.status)) {
    throw AppError.field('CONFLICT', 'status', 'class_status', record.status);
  }
}

/** 409 `class_status` unless trainees may submit reflections in the class's status. */
export function requireSubmittable(record: ClassRecord): void {
  if (!SUBMITTABLE_STATUSES.includes(record.status)) {
    throw AppError.field('CONFLICT', 'status', 'class_status', record.status);
  }
}

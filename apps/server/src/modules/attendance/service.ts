import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';
import type { SettingsService } from '../settings/service.js';

/** Check-in (issue 6): room QR codes, trainee cards, scans, marks, offline sync, the live board. */
export class AttendanceService {
  /** `secretKey` signs QR codes under a key of their own, derived as FieldCipher derives its keys. */
  constructor(
    readonly deps: { db: Db; classes: ClassService; settings: SettingsService; secretKey: Buffer },
  ) {}
}

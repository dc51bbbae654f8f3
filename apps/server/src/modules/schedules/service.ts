import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';
import type { SettingsService } from '../settings/service.js';

/** Personal schedules, exports (PDF, xlsx, iCalendar), calendar feeds and materials. */
export class ScheduleService {
  constructor(readonly deps: { db: Db; classes: ClassService; settings: SettingsService }) {}
}

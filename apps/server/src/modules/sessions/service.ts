import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { SettingsService } from '../settings/service.js';

/** Timetable items of a class: writes, conflict checks, publishing, the change log, templates. */
export class TimetableService {
  constructor(
    readonly deps: {
      db: Db;
      classes: ClassService;
      settings: SettingsService;
      dictionaries: DictionaryService;
    },
  ) {}
}

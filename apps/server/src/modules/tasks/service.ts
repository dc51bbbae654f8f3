import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';

export interface TaskServiceDeps {
  db: Db;
  classes: ClassService;
  dictionaries: DictionaryService;
}

/** A class's task force and checklist, checklist templates and "my tasks" (issue 9 item 1). SKELETON. */
export class TaskService {
  constructor(readonly deps: TaskServiceDeps) {}
}

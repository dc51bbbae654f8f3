import type { Db } from '../../db/client.js';

/** Evaluation (评估): templates, forms for every lecture item and the class, anonymous responses, results per item, lecturer and class. */
export class SurveyService {
  constructor(readonly deps: { db: Db } & Record<string, unknown>) {}
}

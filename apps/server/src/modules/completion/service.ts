import type { Db } from '../../db/client.js';

/** Completion (结业) and reflections (学习心得): rules per class, judgement with reasons, overrides, confirmation that issues certificates and credits the archive. */
export class CompletionService {
  constructor(readonly deps: { db: Db } & Record<string, unknown>) {}
}

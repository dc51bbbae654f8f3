import {
  type Answers,
  type ClassSurveySummary,
  cleanAnswers,
  type LecturerEvaluationsView,
  type MySurveyView,
  type ResponseBody,
  type SurveyFormDetail,
  type SurveyFormList,
  type SurveyFormResultsView,
  type SurveySettingsBody,
  type SurveySettingsView,
  surveyFormStatus,
  validateResponse,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  classes,
  classSurveySettings,
  enrollments,
  lecturers,
  people,
  surveyForms,
  surveyReminders,
  surveyRespondents,
  surveyResponses,
  surveyTemplates,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { lecturerIdOfUser } from '../lecturers/links.js';
import { formsToFillNotice, type Notifier } from '../notices/events.js';
import type { Download } from '../rosters/service.js';
import {
  classSettingsOf,
  ensureForms,
  expectedAtForm,
  type FormRow,
  formById,
  formsOf,
  itemsOf,
  questionsFor,
} from './forms.js';
import { presentFormRow, presentItem, rateOf } from './presenter.js';
import { aggregatesOf, classResults, formResultsView, lecturerEvaluations } from './results.js';
import { countsOf, hasResponded, remindersOf } from './stats.js';
import { SurveyTemplates } from './templates.js';
import { summaryWorkbook } from './xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SurveyServiceDeps {
  db: Db;
  classes: ClassService;
  /** Now, for form windows (tests set it). */
  clock?: () => Date;
  /** Sends reminders to the trainees' inboxes (issue 9). */
  notices?: () => Notifier;
}

/** The signed-in trainee's active enrolment in a class, if any. */
async function ownEnrollment(
  db: Executor,
  userId: string,
  classId: string,
): Promise<{ id: string; groupId: string | null } | undefined> {
  const [row] = await db
    .select({ id: enrollments.id, groupId: enrollments.groupId })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(
      and(eq(enrollments.classId, classId), eq(enrollments.status, 'enrolled'), eq(people.userId, userId)),
    );
  return row;
}

/** Evaluation (评估): templates, forms for every lecture item and the class, anonymous responses, results per item, lecturer and class. */
export class SurveyService {
  readonly db: Db;
  readonly templates: SurveyTemplates;
  clock: () => Date;

  constructor(readonly deps: SurveyServiceDeps) {
    this.db = deps.db;
    this.templates = new SurveyTemplates(deps.db);
    this.clock = deps.clock ?? (() => new Date());
  }

  /** A form of a class the actor runs for 'evaluate' (404 / 403 audited). */
  async requireRunForm(ctx: RequestContext, formId: string): Promise<{ form: FormRow; record: ClassRecord }> {
    const form = await formById(this.db, formId);
    if (!form) throw AppError.notFound();
    const record = await this.deps.classes.requireRun(ctx, form.classId, 'evaluate');
    return { form, record };
  }

  /** The class's forms with counts (made sure to exist first). */
  async listForms(classId: string): Promise<SurveyFormList> {
    await ensureForms(this.db, classId);
    const { minResponses } = await classSettingsOf(this.db, classId);
    const forms = await formsOf(this.db, classId);
    const items = await itemsOf(this.db, classId);
    const itemById = new Map(items.map((i) => [i.id, i]));
    const counts = await countsOf(this.db, classId, forms, items);
    const reminders = await remindersOf(
      this.db,
      forms.map((f) => f.id),
    );
    const now = this.clock();
    return {
      minResponses,
      items: forms.map((f) =>
        presentFormRow(
          f,
          f.sessionId ? itemById.get(f.sessionId) : undefined,
          counts.get(f.id),
          reminders.get(f.id),
          minResponses,
          now,
        ),
      ),
    };
  }

  async settings(classId: string): Promise<SurveySettingsView> {
    return classSettingsOf(this.db, classId);
  }

  /**
   * Saves the class's templates and threshold. Forms without responses take the new templates'
   * questions (re-snapshot); forms with answers keep theirs.
   */
  async updateSettings(
    ctx: RequestContext,
    classId: string,
    body: SurveySettingsBody,
  ): Promise<SurveySettingsView> {
    const actor = requireActor(ctx.actor);
    for (const [field, target, id] of [
      ['lectureTemplateId', 'lecture', body.lectureTemplateId],
      ['classTemplateId', 'class', body.classTemplateId],
    ] as const) {
      if (!id) continue;
      const [tpl] = await this.db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id));
      if (!tpl || tpl.archived) throw AppError.field('VALIDATION_FAILED', field, 'template_unknown');
      if (tpl.target !== target) throw AppError.field('VALIDATION_FAILED', field, 'template_wrong_target');
    }
    await ensureForms(this.db, classId);
    return this.db.transaction(async (tx) => {
      const before = await classSettingsOf(tx, classId);
      const values = { ...body, updatedBy: actor.id, updatedAt: this.clock() };
      await tx
        .insert(classSurveySettings)
        .values({ classId, ...values })
        .onConflictDoUpdate({ target: classSurveySettings.classId, set: values });
      for (const target of ['lecture', 'class'] as const) {
        const id = target === 'lecture' ? body.lectureTemplateId : body.classTemplateId;
        const snapshot = await questionsFor(tx, target, id);
        await tx
          .update(surveyForms)
          .set({ templateId: snapshot.templateId, questions: snapshot.questions })
          .where(
            and(
              eq(surveyForms.classId, classId),
              eq(surveyForms.target, target),
              eq(surveyForms.responses, 0),
            ),
          );
      }
      const changes: Record<string, unknown> = {};
      for (const k of ['lectureTemplateId', 'classTemplateId', 'minResponses'] as const)
        if (before[k] !== body[k]) changes[k] = [before[k], body[k]];
      await recordAudit(tx, ctx, {
        action: 'survey.settings',
        entityType: 'class',
        entityId: classId,
        changes,
      });
      return {
        lectureTemplateId: body.lectureTemplateId,
        classTemplateId: body.classTemplateId,
        minResponses: body.minResponses,
      };
    });
  }

  /** A form to fill in (an expected trainee) or to look at (a runner of the class). */
  async formDetail(ctx: RequestContext, formId: string): Promise<SurveyFormDetail> {
    const actor = requireActor(ctx.actor);
    const form = await formById(this.db, formId);
    if (!form) throw AppError.notFound();
    const record = await this.deps.classes.load(form.classId);
    const items = form.sessionId ? await itemsOf(this.db, form.classId) : [];
    const item = items.find((i) => i.id === form.sessionId);
    let submitted: boolean | null = null;
    if (!runs(actor, 'evaluate', record.place)) {
      const mine = await ownEnrollment(this.db, actor.id, form.classId);
      if (!mine || !expectedAtForm(form, item?.groupIds, mine)) {
        throw new AppError('FORBIDDEN', {
          fields: [{ path: 'id', key: 'survey_not_expected' }],
          details: { action: 'survey.read', entityType: 'survey_form', entityId: formId },
        });
      }
      submitted = await hasResponded(this.db, formId, mine.id);
    }
    return {
      id: form.id,
      classId: form.classId,
      className: record.name,
      target: form.target,
      title: form.title,
      item: presentItem(item),
      questions: form.questions,
      opensAt: form.opensAt.toISOString(),
      closesAt: form.closesAt.toISOString(),
      status: surveyFormStatus(form, this.clock()),
      submitted,
    };
  }

  /**
   * Stores a trainee's answers: the response (answers only) and the respondent (who, not what) in
   * one transaction, under a lock on the form, so a second submission finds the first.
   */
  async submit(ctx: RequestContext, formId: string, body: ResponseBody): Promise<void> {
    const actor = requireActor(ctx.actor);
    const form = await formById(this.db, formId);
    if (!form) throw AppError.notFound();
    const mine = await ownEnrollment(this.db, actor.id, form.classId);
    const items = form.sessionId ? await itemsOf(this.db, form.classId) : [];
    const item = items.find((i) => i.id === form.sessionId);
    if (!mine || !expectedAtForm(form, item?.groupIds, mine)) {
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'id', key: 'survey_not_expected' }],
        details: { action: 'survey.respond', entityType: 'survey_form', entityId: formId },
      });
    }
    const answers = body.answers as Answers;
    await this.db.transaction(async (tx) => {
      const locked = await formById(tx, formId, true);
      if (!locked) throw AppError.notFound();
      const status = surveyFormStatus(locked, this.clock());
      if (status === 'withdrawn')
        throw new AppError('FORBIDDEN', { fields: [{ path: 'id', key: 'survey_not_expected' }] });
      if (status === 'not_open') throw AppError.field('CONFLICT', 'id', 'survey_not_open');
      if (status === 'closed') throw AppError.field('CONFLICT', 'id', 'survey_closed');
      if (await hasResponded(tx, formId, mine.id))
        throw AppError.field('CONFLICT', 'id', 'survey_already_submitted');
      const errors = validateResponse({ questions: locked.questions }, answers);
      if (errors.length)
        throw new AppError('VALIDATION_FAILED', {
          fields: errors.map((e) => ({ path: e.path, key: e.key })),
        });
      const [who] = await tx
        .insert(surveyRespondents)
        .values({ formId, enrollmentId: mine.id })
        .onConflictDoNothing()
        .returning();
      if (!who) throw AppError.field('CONFLICT', 'id', 'survey_already_submitted');
      await tx
        .insert(surveyResponses)
        .values({ formId, answers: cleanAnswers({ questions: locked.questions }, answers) });
      await tx
        .update(surveyForms)
        .set({ responses: locked.responses + 1 })
        .where(eq(surveyForms.id, formId));
      // The audit names the form only: never the answers.
      await recordAudit(tx, ctx, { action: 'survey.respond', entityType: 'survey_form', entityId: formId });
    });
  }

  /** One form's results (hidden below the threshold) and response rate. */
  async formResults(form: FormRow): Promise<SurveyFormResultsView> {
    const { minResponses } = await classSettingsOf(this.db, form.classId);
    const items = await itemsOf(this.db, form.classId);
    const counts = await countsOf(this.db, form.classId, [form], items);
    const aggregate = (await aggregatesOf(this.db, [form])).get(form.id);
    if (!aggregate) throw AppError.notFound();
    return formResultsView(
      form,
      items.find((i) => i.id === form.sessionId),
      aggregate,
      rateOf(counts.get(form.id)),
      minResponses,
    );
  }

  /** Records a reminder to those who have not responded; returns how many that is. */
  async remind(ctx: RequestContext, form: FormRow): Promise<{ recipients: number; sentAt: string }> {
    const actor = requireActor(ctx.actor);
    const status = surveyFormStatus(form, this.clock());
    if (status === 'withdrawn' || status === 'closed')
      throw AppError.field('CONFLICT', 'id', `survey_${status}`);
    const counts = (await countsOf(this.db, form.classId, [form], await itemsOf(this.db, form.classId))).get(
      form.id,
    );
    const recipients = (counts?.expected.length ?? 0) - (counts?.responded.size ?? 0);
    const sentAt = this.clock();
    await this.db.transaction(async (tx) => {
      await tx.insert(surveyReminders).values({ formId: form.id, recipients, sentBy: actor.id, sentAt });
      const pending = (counts?.expected ?? []).filter((id) => !counts?.responded.has(id));
      await this.deps.notices?.().notify(tx, await formsToFillNotice(tx, form.classId, pending));
      await recordAudit(tx, ctx, {
        action: 'survey.remind',
        entityType: 'survey_form',
        entityId: form.id,
        detail: { recipients },
      });
    });
    return { recipients, sentAt: sentAt.toISOString() };
  }

  /** Closes a form before its closing time. */
  async close(ctx: RequestContext, form: FormRow): Promise<SurveyFormList['items'][number]> {
    const status = surveyFormStatus(form, this.clock());
    if (status === 'withdrawn') throw AppError.field('CONFLICT', 'id', 'survey_withdrawn');
    if (!form.closedAt) {
      await this.db.transaction(async (tx) => {
        await tx.update(surveyForms).set({ closedAt: this.clock() }).where(eq(surveyForms.id, form.id));
        await recordAudit(tx, ctx, {
          action: 'survey.close',
          entityType: 'survey_form',
          entityId: form.id,
          changes: { closedAt: [null, this.clock().toISOString()] },
        });
      });
    }
    const list = await this.listForms(form.classId);
    const row = list.items.find((f) => f.id === form.id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async classSummary(classId: string): Promise<ClassSurveySummary> {
    return (await classResults(this.db, classId)).summary;
  }

  async classWorkbook(ctx: RequestContext, record: ClassRecord): Promise<Download> {
    const { summary, details } = await classResults(this.db, record.id);
    const file = await summaryWorkbook(record, summary, details);
    await recordAudit(this.db, ctx, { action: 'survey.export', entityType: 'class', entityId: record.id });
    return {
      file,
      contentType: XLSX_TYPE,
      fileName: `${record.code}-评估汇总.xlsx`,
      fallbackName: `${record.code}-evaluation.xlsx`,
    };
  }

  /** A lecturer's evaluations: for lecturer.read holders and the lecturer themself. */
  async lecturerEvaluations(ctx: RequestContext, lecturerId: string): Promise<LecturerEvaluationsView> {
    const actor = requireActor(ctx.actor);
    const [row] = await this.db
      .select({ id: lecturers.id })
      .from(lecturers)
      .where(eq(lecturers.id, lecturerId));
    if (!row) throw AppError.notFound();
    const allowed =
      actor.permissions.has('lecturer.read') || (await lecturerIdOfUser(this.db, actor.id)) === lecturerId;
    authorize(allowed, 'lecturer.read', { type: 'lecturer', id: lecturerId });
    return lecturerEvaluations(this.db, lecturerId);
  }

  /** The signed-in trainee's forms across their classes: open and unsubmitted first. */
  async mySurveys(ctx: RequestContext): Promise<MySurveyView[]> {
    const actor = requireActor(ctx.actor);
    const mine = await this.db
      .select({
        id: enrollments.id,
        groupId: enrollments.groupId,
        classId: classes.id,
        code: classes.code,
        name: classes.name,
      })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(and(eq(people.userId, actor.id), eq(enrollments.status, 'enrolled')));
    const now = this.clock();
    const out: MySurveyView[] = [];
    for (const e of mine) {
      await ensureForms(this.db, e.classId);
      const items = await itemsOf(this.db, e.classId);
      const itemById = new Map(items.map((i) => [i.id, i]));
      const forms = (await formsOf(this.db, e.classId)).filter((f) =>
        expectedAtForm(f, f.sessionId ? itemById.get(f.sessionId)?.groupIds : null, e),
      );
      const submitted = new Set(
        (
          await this.db
            .select({ formId: surveyRespondents.formId })
            .from(surveyRespondents)
            .where(eq(surveyRespondents.enrollmentId, e.id))
        ).map((r) => r.formId),
      );
      const reminders = await remindersOf(
        this.db,
        forms.map((f) => f.id),
      );
      for (const f of forms) {
        const done = submitted.has(f.id);
        out.push({
          id: f.id,
          classId: e.classId,
          classCode: e.code,
          className: e.name,
          target: f.target,
          title: f.title,
          startsAt: f.sessionId ? (itemById.get(f.sessionId)?.startsAt.toISOString() ?? null) : null,
          opensAt: f.opensAt.toISOString(),
          closesAt: f.closesAt.toISOString(),
          status: surveyFormStatus(f, now),
          submitted: done,
          remindedAt: done ? null : (reminders.get(f.id)?.lastSentAt?.toISOString() ?? null),
        });
      }
    }
    // To fill in first, then those not open yet, then the rest (latest first).
    const rank = (v: MySurveyView) =>
      v.status === 'open' && !v.submitted ? 0 : v.status === 'not_open' ? 1 : 2;
    return out.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (rank(a) === 2 ? b.closesAt.localeCompare(a.closesAt) : a.closesAt.localeCompare(b.closesAt)) ||
        a.opensAt.localeCompare(b.opensAt),
    );
  }
}

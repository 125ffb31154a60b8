import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { surveyAnswers, surveyQuestions, surveyResponses, surveys, type TVerification } from './schema.js';
import { voterFor } from './verification.js';

export type TSurvey = typeof surveys.$inferSelect;
export type TQuestionIn = {
  kind: 'single' | 'multiple' | 'scale' | 'text';
  text: string;
  options?: string[];
  scaleMin?: number;
  scaleMax?: number;
  required?: boolean;
};
export type TAnswerIn = { questionId: string; options?: number[]; value?: number; text?: string };

export async function createSurvey(
  db: Db,
  ctx: ServiceContext,
  input: { title: string; description?: string; closesAt: Date; verification: TVerification; publish?: boolean; questions: TQuestionIn[] },
) {
  input.questions.forEach((q, i) => {
    if ((q.kind === 'single' || q.kind === 'multiple') && (q.options?.length ?? 0) < 2) {
      throw new AppError('validation.failed', 400, {}, [{ field: `questions.${i}.options`, code: 'validation.required' }]);
    }
    if (q.kind === 'scale' && !((q.scaleMin ?? 1) < (q.scaleMax ?? 5))) {
      throw new AppError('validation.failed', 400, {}, [{ field: `questions.${i}.scaleMax`, code: 'validation.invalid' }]);
    }
  });
  return db.transaction(async (tx) => {
    const [s] = await tx
      .insert(surveys)
      .values({
        tenantId: ctx.tenant.id,
        title: input.title,
        description: input.description ?? '',
        closesAt: input.closesAt,
        verification: input.verification,
        status: input.publish ? 'open' : 'draft',
      })
      .returning();
    if (!s) throw new Error('survey insert');
    await tx.insert(surveyQuestions).values(
      input.questions.map((q, i) => ({
        surveyId: s.id,
        position: i + 1,
        kind: q.kind,
        text: q.text,
        options: q.options ?? [],
        scaleMin: q.kind === 'scale' ? (q.scaleMin ?? 1) : null,
        scaleMax: q.kind === 'scale' ? (q.scaleMax ?? 5) : null,
        required: q.required === false ? 0 : 1,
      })),
    );
    await audit(tx, ctx, { action: 'participation.survey.create', entity: 'survey', entityId: s.id });
    return s;
  });
}

export async function getSurvey(db: DbOrTx, tenantId: string, id: string, staff = false) {
  const [s] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.id, id)));
  if (!s || (!staff && s.status === 'draft')) throw new AppError('participation.not_found', 404);
  const questions = await db
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, s.id))
    .orderBy(asc(surveyQuestions.position));
  return { survey: s, questions };
}

export async function setSurveyStatus(db: Db, ctx: ServiceContext, id: string, status: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const { survey } = await getSurvey(tx, ctx.tenant.id, id, true);
    await tx.update(surveys).set({ status }).where(eq(surveys.id, survey.id));
    await audit(tx, ctx, {
      action: `participation.survey.${status === 'open' ? 'publish' : 'close'}`,
      entity: 'survey',
      entityId: survey.id,
    });
  });
}

/** Checks every answer against its question, then stores the response once per person. */
export async function respond(db: Db, ctx: ServiceContext, id: string, answers: TAnswerIn[]) {
  const { survey, questions } = await getSurvey(db, ctx.tenant.id, id);
  if (survey.status !== 'open' || survey.closesAt.getTime() <= Date.now()) throw new AppError('participation.closed', 409);
  const voter = await voterFor(db, ctx.tenant.id, ctx.actor, survey.verification);
  const rows: { questionId: string; optionIndex?: number; value?: number; text?: string }[] = [];
  const bad = (i: number, code: string) => new AppError('validation.failed', 400, {}, [{ field: `answers.${i}`, code }]);
  for (const [qi, q] of questions.entries()) {
    const ai = answers.findIndex((a) => a.questionId === q.id);
    const a = answers[ai];
    const empty = !a || ((a.options?.length ?? 0) === 0 && a.value === undefined && !a.text?.trim());
    if (empty) {
      if (q.required) throw new AppError('validation.failed', 400, {}, [{ field: `answers.${qi}`, code: 'participation.answer_required' }]);
      continue;
    }
    const opts = a.options ?? [];
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (
        (q.kind === 'single' && opts.length !== 1) ||
        new Set(opts).size !== opts.length ||
        opts.some((o) => !Number.isInteger(o) || o < 0 || o >= q.options.length)
      ) {
        throw bad(ai, 'participation.invalid_answer');
      }
      for (const o of opts) rows.push({ questionId: q.id, optionIndex: o });
    } else if (q.kind === 'scale') {
      const v = a.value;
      if (v === undefined || !Number.isInteger(v) || v < (q.scaleMin ?? 1) || v > (q.scaleMax ?? 5))
        throw bad(ai, 'participation.invalid_answer');
      rows.push({ questionId: q.id, value: v });
    } else {
      if (!a.text?.trim()) throw bad(ai, 'participation.invalid_answer');
      rows.push({ questionId: q.id, text: a.text.trim().slice(0, 5000) });
    }
  }
  for (const [i, a] of answers.entries()) if (!questions.some((q) => q.id === a.questionId)) throw bad(i, 'participation.invalid_answer');
  return db.transaction(async (tx) => {
    const [resp] = await tx
      .insert(surveyResponses)
      .values({ tenantId: ctx.tenant.id, surveyId: survey.id, voterKey: voter.key })
      .onConflictDoNothing()
      .returning();
    if (!resp) throw new AppError('participation.already_voted', 409);
    if (rows.length) await tx.insert(surveyAnswers).values(rows.map((r) => ({ ...r, responseId: resp.id })));
    await tx
      .update(surveys)
      .set({ responseCount: sql`${surveys.responseCount} + 1` })
      .where(eq(surveys.id, survey.id));
    return { id: resp.id };
  });
}

/** Aggregates for charts: counts and percentages per option, a histogram and mean per scale, the number of text answers. */
export async function surveyResults(db: DbOrTx, tenantId: string, id: string, staff: boolean) {
  const { survey, questions } = await getSurvey(db, tenantId, id, staff);
  const counts = await db
    .select({
      questionId: surveyAnswers.questionId,
      optionIndex: surveyAnswers.optionIndex,
      value: surveyAnswers.value,
      n: sql<number>`count(*)::int`,
      texts: sql<number>`count(${surveyAnswers.text})::int`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(eq(surveyQuestions.surveyId, survey.id))
    .groupBy(surveyAnswers.questionId, surveyAnswers.optionIndex, surveyAnswers.value);
  const respondents = await db
    .select({ questionId: surveyAnswers.questionId, n: sql<number>`count(distinct ${surveyAnswers.responseId})::int` })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(eq(surveyQuestions.surveyId, survey.id))
    .groupBy(surveyAnswers.questionId);
  const pct = (n: number, of: number) => (of ? Math.round((1000 * n) / of) / 10 : 0);
  return {
    surveyId: survey.id,
    responses: survey.responseCount,
    questions: questions.map((q) => {
      const mine = counts.filter((c) => c.questionId === q.id);
      const answered = respondents.find((r) => r.questionId === q.id)?.n ?? 0;
      const base = { questionId: q.id, kind: q.kind, text: q.text, answered };
      if (q.kind === 'single' || q.kind === 'multiple') {
        return {
          ...base,
          options: q.options.map((label, i) => {
            const n = mine.find((c) => c.optionIndex === i)?.n ?? 0;
            return { label, count: n, percent: pct(n, answered) };
          }),
        };
      }
      if (q.kind === 'scale') {
        const min = q.scaleMin ?? 1;
        const max = q.scaleMax ?? 5;
        const histogram = Array.from({ length: max - min + 1 }, (_, k) => {
          const v = min + k;
          const n = mine.find((c) => c.value === v)?.n ?? 0;
          return { value: v, count: n, percent: pct(n, answered) };
        });
        const total = histogram.reduce((s, h) => s + h.value * h.count, 0);
        return { ...base, histogram, mean: answered ? Math.round((100 * total) / answered) / 100 : null };
      }
      return { ...base, textAnswers: mine.reduce((s, c) => s + c.texts, 0) };
    }),
  };
}

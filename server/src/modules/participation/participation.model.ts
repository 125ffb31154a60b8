import { z } from 'zod';
import { VERIFICATIONS } from './schema.js';

/** Route schemas: one zod schema validates, types and documents each body and answer. */
export const ZVerification = z.enum(VERIFICATIONS);
export const ZId = z.object({ id: z.uuid() });
export const ZError = z.object({ code: z.string(), message: z.string() });
export const ZPageQuery = z.object({ cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ZCreateConsultationBody = z.object({
  title: z.string().trim().min(3).max(300),
  summary: z.string().max(5000).optional(),
  closesAt: z.coerce.date(),
  verification: ZVerification.default('phone'),
  format: z.enum(['markdown', 'text']).default('markdown'),
  text: z.string().min(1).max(500_000),
});
export const ZUpdateConsultationBody = z.object({ action: z.enum(['publish', 'close', 'extend']), closesAt: z.coerce.date().optional() });

export const ZConsultation = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  preamble: z.string(),
  status: z.enum(['draft', 'open', 'closed', 'reported']),
  verification: ZVerification,
  closesAt: z.date(),
  /** The deadline as read in Greece (Europe/Athens). */
  closesAtLocal: z.string(),
  supportCount: z.number().int(),
  opposeCount: z.number().int(),
  commentCount: z.number().int(),
  reportSummary: z.string().nullable(),
  reportPublishedAt: z.date().nullable(),
});
export const ZArticle = z.object({
  id: z.uuid(),
  position: z.number().int(),
  label: z.string(),
  title: z.string(),
  body: z.string(),
  commentCount: z.number().int(),
});
export const ZConsultationDetail = ZConsultation.extend({ articles: z.array(ZArticle) });

export const ZNewCommentBody = z.object({
  articleId: z.uuid().optional(),
  parentId: z.uuid().optional(),
  body: z.string().trim().min(2).max(5000),
  quote: z.string().min(1).max(5000).optional(),
  quoteStart: z.number().int().min(0).optional(),
  quoteEnd: z.number().int().min(1).optional(),
});
export const ZComment = z.object({
  id: z.uuid(),
  articleId: z.uuid().nullable(),
  parentId: z.uuid().nullable(),
  authorName: z.string(),
  body: z.string(),
  quote: z.string().nullable(),
  quoteStart: z.number().int().nullable(),
  quoteEnd: z.number().int().nullable(),
  upCount: z.number().int(),
  downCount: z.number().int(),
  replyCount: z.number().int(),
  answerStatus: z.enum(['accepted', 'partly', 'rejected']).nullable(),
  answerText: z.string().nullable(),
  createdAt: z.date(),
});
export const ZCommentPage = z.object({ items: z.array(ZComment), nextCursor: z.string().nullable() });
export const ZCommentQuery = ZPageQuery.extend({
  articleId: z.uuid().optional(),
  parentId: z.uuid().optional(),
  sort: z.enum(['newest', 'oldest', 'supported']).default('newest'),
});

export const ZProposal = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  status: z.enum(['open', 'threshold_reached', 'answered']),
  threshold: z.number().int(),
  verification: ZVerification,
  supportCount: z.number().int(),
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZQuestionIn = z.object({
  kind: z.enum(['single', 'multiple', 'scale', 'text']),
  text: z.string().trim().min(1).max(1000),
  options: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  scaleMin: z.number().int().min(0).max(10).optional(),
  scaleMax: z.number().int().min(1).max(10).optional(),
  required: z.boolean().optional(),
});
export const ZCreateSurveyBody = z.object({
  title: z.string().trim().min(3).max(300),
  description: z.string().max(5000).optional(),
  closesAt: z.coerce.date(),
  verification: ZVerification.default('phone'),
  publish: z.boolean().optional(),
  questions: z.array(ZQuestionIn).min(1).max(100),
});
export const ZSurvey = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  verification: ZVerification,
  closesAt: z.date(),
  responseCount: z.number().int(),
  questions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      kind: z.string(),
      text: z.string(),
      options: z.array(z.string()),
      scaleMin: z.number().int().nullable(),
      scaleMax: z.number().int().nullable(),
      required: z.boolean(),
    }),
  ),
});
export const ZSurveyAnswerBody = z.object({
  answers: z
    .array(
      z.object({
        questionId: z.uuid(),
        options: z.array(z.number().int()).max(50).optional(),
        value: z.number().int().optional(),
        text: z.string().max(5000).optional(),
      }),
    )
    .max(100),
});
export const ZSurveyResults = z.object({
  surveyId: z.uuid(),
  responses: z.number().int(),
  questions: z.array(
    z.object({
      questionId: z.uuid(),
      kind: z.string(),
      text: z.string(),
      answered: z.number().int(),
      options: z.array(z.object({ label: z.string(), count: z.number().int(), percent: z.number() })).optional(),
      histogram: z.array(z.object({ value: z.number().int(), count: z.number().int(), percent: z.number() })).optional(),
      mean: z.number().nullable().optional(),
      textAnswers: z.number().int().optional(),
    }),
  ),
});

export const ZProjectIn = z.object({
  title: z.string().trim().min(2).max(300),
  description: z.string().max(5000).optional(),
  costCents: z.number().int().min(1),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export const ZCreateBudgetBody = z.object({
  title: z.string().trim().min(3).max(300),
  description: z.string().max(5000).optional(),
  totalCents: z.number().int().min(1),
  mode: z.enum(['budget', 'approve_n']),
  maxProjects: z.number().int().min(1).max(100).optional(),
  /** "budget" mode: the least share of the budget (percent) a ballot must spend. */
  minSharePercent: z.number().int().min(1).max(100).optional(),
  verification: ZVerification.default('taxisnet'),
  closesAt: z.coerce.date(),
  publish: z.boolean().optional(),
  projects: z.array(ZProjectIn).max(200),
});
export const ZProject = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  costCents: z.number().int(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  progressStatus: z.enum(['planned', 'in_progress', 'completed', 'cancelled']),
  progressPercent: z.number().int(),
});
export const ZBudget = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  totalCents: z.number().int(),
  mode: z.enum(['budget', 'approve_n']),
  maxProjects: z.number().int().nullable(),
  minSharePercent: z.number().int().nullable(),
  status: z.enum(['draft', 'open', 'closed']),
  verification: ZVerification,
  closesAt: z.date(),
  ballotCount: z.number().int(),
  projects: z.array(ZProject),
});
export const ZBudgetResults = z.object({
  budgetId: z.uuid(),
  ballots: z.number().int(),
  totalCents: z.number().int(),
  allocatedCents: z.number().int(),
  projects: z.array(
    z.object({
      rank: z.number().int(),
      projectId: z.uuid(),
      title: z.string(),
      costCents: z.number().int(),
      votes: z.number().int(),
      percent: z.number(),
      winner: z.boolean(),
    }),
  ),
});
export const ZProgressBody = z.object({
  status: z.enum(['planned', 'in_progress', 'completed', 'cancelled']).optional(),
  percent: z.number().int().min(0).max(100).optional(),
  update: z.string().trim().min(1).max(5000).optional(),
  milestones: z
    .array(
      z.object({
        id: z.uuid().optional(),
        title: z.string().trim().min(1).max(300),
        status: z.enum(['pending', 'in_progress', 'done']),
        percent: z.number().int().min(0).max(100),
        dueDate: z.iso.date().optional(),
      }),
    )
    .max(100)
    .optional(),
});
export const ZProgress = z.object({
  project: ZProject,
  milestones: z.array(
    z.object({ id: z.uuid(), title: z.string(), status: z.string(), percent: z.number().int(), dueDate: z.string().nullable() }),
  ),
  updates: z.array(z.object({ id: z.uuid(), body: z.string(), percent: z.number().int().nullable(), createdAt: z.date() })),
});

export const ZTarget = z.object({ targetKind: z.string().trim().min(1).max(60), targetRef: z.string().trim().min(1).max(200) });
export const ZRateBody = ZTarget.extend({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() });
export const ZRatingSummary = ZTarget.extend({
  count: z.number().int(),
  mean: z.number().nullable(),
  histogram: z.array(z.object({ rating: z.number().int(), count: z.number().int() })),
});

export const ZCreateIdeaCallBody = z.object({
  title: z.string().trim().min(3).max(300),
  description: z.string().max(5000).optional(),
  closesAt: z.coerce.date(),
  verification: ZVerification.default('phone'),
  publish: z.boolean().optional(),
});
export const ZIdeaBody = z.object({
  title: z.string().trim().min(3).max(300),
  body: z.string().trim().min(2).max(5000),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export const ZIdea = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  title: z.string(),
  body: z.string(),
  lat: z.number(),
  lon: z.number(),
  supportCount: z.number().int(),
  createdAt: z.date(),
});

export const ZReportBody = z.object({ reason: z.string().trim().max(500).default('') });
export const ZModerateBody = z.object({ action: z.enum(['hide', 'restore']), reason: z.string().trim().min(3).max(500) });
export const ZReportable = z.enum(['comment', 'proposal', 'idea', 'evaluation']);
export const ZResidentBody = z.object({
  userId: z.uuid().optional(),
  afm: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});

import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, ts } from '../../platform/db/columns.js';
import { users } from '../../platform/identity/identity.schema.js';

/**
 * Participation: consultations on drafts, proposals, surveys, participatory budgets, evaluations
 * of services and an open call for ideas on the map. Every "one per person" rule is a UNIQUE
 * index on (thing, voter_key): voter_key is `u:<user id>`, or `d:<device id>` only where the
 * thing's verification is 'none'. See README.md.
 */

export const VERIFICATIONS = ['none', 'phone', 'taxisnet', 'resident'] as const;
export type TVerification = (typeof VERIFICATIONS)[number];

/** Columns every thing citizens can report shares: the moderation state lives on the row itself. */
const moderation = () => ({
  reportCount: integer('report_count').notNull().default(0),
  hiddenAt: ts('hidden_at'),
  hiddenReason: text('hidden_reason'),
});

const author = () => ({
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  authorDeviceId: uuid('author_device_id'),
  voterKey: text('voter_key').notNull(),
});

// ---- consultations -------------------------------------------------------------------------

export const consultations = pgTable(
  'participation_consultations',
  {
    id: id(),
    tenantId: tenantId(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    preamble: text('preamble').notNull().default(''),
    /** draft → open → closed → reported; "open" past closes_at counts as closed. */
    status: text('status').$type<'draft' | 'open' | 'closed' | 'reported'>().notNull().default('draft'),
    verification: text('verification').$type<TVerification>().notNull().default('phone'),
    closesAt: ts('closes_at').notNull(),
    publishedAt: ts('published_at'),
    closedAt: ts('closed_at'),
    reportPublishedAt: ts('report_published_at'),
    reportSummary: text('report_summary'),
    supportCount: integer('support_count').notNull().default(0),
    opposeCount: integer('oppose_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('participation_consultations_tenant').on(t.tenantId, t.status, t.closesAt)],
);

export const articles = pgTable(
  'participation_articles',
  {
    id: id(),
    tenantId: tenantId(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** «Άρθρο 3» when the draft numbers its articles, else empty. */
    label: text('label').notNull().default(''),
    title: text('title').notNull(),
    /** The article's text as Markdown; passage offsets count UTF-16 code units in it. */
    body: text('body').notNull(),
    commentCount: integer('comment_count').notNull().default(0),
  },
  (t) => [uniqueIndex('participation_articles_position').on(t.consultationId, t.position)],
);

export const comments = pgTable(
  'participation_comments',
  {
    id: id(),
    tenantId: tenantId(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    ...author(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    quote: text('quote'),
    quoteStart: integer('quote_start'),
    quoteEnd: integer('quote_end'),
    upCount: integer('up_count').notNull().default(0),
    downCount: integer('down_count').notNull().default(0),
    /** up − down, kept on the row so "most supported" pages walk an index. */
    score: integer('score').notNull().default(0),
    replyCount: integer('reply_count').notNull().default(0),
    answerStatus: text('answer_status').$type<'accepted' | 'partly' | 'rejected'>(),
    answerText: text('answer_text'),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    ...moderation(),
    createdAt: createdAt(),
  },
  (t) => [
    // Cursor pages: top-level comments of a consultation (or of one article), newest/oldest/most supported.
    index('participation_comments_consultation_time').on(t.consultationId, t.createdAt, t.id),
    index('participation_comments_consultation_score').on(t.consultationId, t.score, t.createdAt, t.id),
    index('participation_comments_article_time').on(t.articleId, t.createdAt, t.id),
    index('participation_comments_parent_time').on(t.parentId, t.createdAt, t.id),
  ],
);

export const commentVotes = pgTable(
  'participation_comment_votes',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    voterKey: text('voter_key').notNull(),
    value: smallint('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_comment_votes_once').on(t.commentId, t.voterKey)],
);

export const stances = pgTable(
  'participation_stances',
  {
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    voterKey: text('voter_key').notNull(),
    stance: text('stance').$type<'support' | 'oppose'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_stances_once').on(t.consultationId, t.voterKey)],
);

// ---- proposals -----------------------------------------------------------------------------

export const proposals = pgTable(
  'participation_proposals',
  {
    id: id(),
    tenantId: tenantId(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    ...author(),
    status: text('status').$type<'open' | 'threshold_reached' | 'answered'>().notNull().default('open'),
    threshold: integer('threshold').notNull(),
    verification: text('verification').$type<TVerification>().notNull().default('phone'),
    supportCount: integer('support_count').notNull().default(0),
    thresholdReachedAt: ts('threshold_reached_at'),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    ...moderation(),
    createdAt: createdAt(),
  },
  (t) => [index('participation_proposals_tenant').on(t.tenantId, t.createdAt, t.id)],
);

export const proposalSupports = pgTable(
  'participation_proposal_supports',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    voterKey: text('voter_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_proposal_supports_once').on(t.proposalId, t.voterKey)],
);

// ---- surveys -------------------------------------------------------------------------------

export const surveys = pgTable('participation_surveys', {
  id: id(),
  tenantId: tenantId(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<'draft' | 'open' | 'closed'>().notNull().default('draft'),
  verification: text('verification').$type<TVerification>().notNull().default('phone'),
  closesAt: ts('closes_at').notNull(),
  responseCount: integer('response_count').notNull().default(0),
  createdAt: createdAt(),
});

export const surveyQuestions = pgTable(
  'participation_survey_questions',
  {
    id: id(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').$type<'single' | 'multiple' | 'scale' | 'text'>().notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    scaleMin: integer('scale_min'),
    scaleMax: integer('scale_max'),
    required: integer('required').notNull().default(1),
  },
  (t) => [uniqueIndex('participation_survey_questions_position').on(t.surveyId, t.position)],
);

export const surveyResponses = pgTable(
  'participation_survey_responses',
  {
    id: id(),
    tenantId: tenantId(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_survey_responses_once').on(t.surveyId, t.voterKey)],
);

/** One row per chosen option, scale value or text answer, so aggregates are plain GROUP BYs. */
export const surveyAnswers = pgTable(
  'participation_survey_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    optionIndex: integer('option_index'),
    value: integer('value'),
    text: text('text'),
  },
  (t) => [index('participation_survey_answers_question').on(t.questionId, t.optionIndex)],
);

// ---- participatory budgeting ---------------------------------------------------------------

export const budgets = pgTable('participation_budgets', {
  id: id(),
  tenantId: tenantId(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** Euro cents. */
  totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
  mode: text('mode').$type<'budget' | 'approve_n'>().notNull(),
  maxProjects: integer('max_projects'),
  /** "budget" mode: a ballot must spend at least this share of the budget (percent), when set. */
  minSharePercent: integer('min_share_percent'),
  status: text('status').$type<'draft' | 'open' | 'closed'>().notNull().default('draft'),
  verification: text('verification').$type<TVerification>().notNull().default('taxisnet'),
  closesAt: ts('closes_at').notNull(),
  ballotCount: integer('ballot_count').notNull().default(0),
  createdAt: createdAt(),
});

export const budgetProjects = pgTable(
  'participation_budget_projects',
  {
    id: id(),
    tenantId: tenantId(),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    costCents: bigint('cost_cents', { mode: 'number' }).notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Accountability once chosen: planned → in_progress → completed (or cancelled). */
    progressStatus: text('progress_status').$type<'planned' | 'in_progress' | 'completed' | 'cancelled'>().notNull().default('planned'),
    progressPercent: integer('progress_percent').notNull().default(0),
  },
  (t) => [index('participation_budget_projects_budget').on(t.budgetId, t.position)],
);

export const budgetBallots = pgTable(
  'participation_budget_ballots',
  {
    id: id(),
    tenantId: tenantId(),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_budget_ballots_once').on(t.budgetId, t.voterKey)],
);

export const budgetVotes = pgTable(
  'participation_budget_votes',
  {
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => budgetBallots.id, { onDelete: 'cascade' }),
    budgetId: uuid('budget_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => budgetProjects.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('participation_budget_votes_once').on(t.ballotId, t.projectId),
    index('participation_budget_votes_budget').on(t.budgetId, t.projectId),
  ],
);

export const milestones = pgTable(
  'participation_milestones',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => budgetProjects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<'pending' | 'in_progress' | 'done'>().notNull().default('pending'),
    percent: integer('percent').notNull().default(0),
    dueDate: text('due_date'),
  },
  (t) => [index('participation_milestones_project').on(t.projectId, t.position)],
);

export const projectUpdates = pgTable(
  'participation_project_updates',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => budgetProjects.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    percent: integer('percent'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('participation_project_updates_project').on(t.projectId, t.createdAt)],
);

// ---- evaluations of services and actions ---------------------------------------------------

export const evaluations = pgTable(
  'participation_evaluations',
  {
    id: id(),
    tenantId: tenantId(),
    /** A generic target: ('service', 'cleaning'), ('case_type', 'pothole'), ('action', '<id>'). */
    targetKind: text('target_kind').notNull(),
    targetRef: text('target_ref').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    ...author(),
    ...moderation(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('participation_evaluations_once').on(t.tenantId, t.targetKind, t.targetRef, t.voterKey),
    index('participation_evaluations_target').on(t.tenantId, t.targetKind, t.targetRef, t.createdAt),
  ],
);

// ---- needs and ideas on the map ------------------------------------------------------------

export const ideaCalls = pgTable('participation_idea_calls', {
  id: id(),
  tenantId: tenantId(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<'draft' | 'open' | 'closed'>().notNull().default('draft'),
  verification: text('verification').$type<TVerification>().notNull().default('phone'),
  closesAt: ts('closes_at').notNull(),
  createdAt: createdAt(),
});

export const ideas = pgTable(
  'participation_ideas',
  {
    id: id(),
    tenantId: tenantId(),
    callId: uuid('call_id')
      .notNull()
      .references(() => ideaCalls.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    ...author(),
    supportCount: integer('support_count').notNull().default(0),
    ...moderation(),
    createdAt: createdAt(),
  },
  (t) => [index('participation_ideas_call').on(t.callId, t.createdAt, t.id)],
);

export const ideaSupports = pgTable(
  'participation_idea_supports',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    voterKey: text('voter_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('participation_idea_supports_once').on(t.ideaId, t.voterKey)],
);

// ---- moderation and residency --------------------------------------------------------------

export const REPORTABLE = ['comment', 'proposal', 'idea', 'evaluation'] as const;
export type TReportable = (typeof REPORTABLE)[number];

export const abuseReports = pgTable(
  'participation_abuse_reports',
  {
    id: id(),
    tenantId: tenantId(),
    targetKind: text('target_kind').$type<TReportable>().notNull(),
    targetId: uuid('target_id').notNull(),
    reporterKey: text('reporter_key').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('participation_abuse_reports_once').on(t.targetKind, t.targetId, t.reporterKey),
    index('participation_abuse_reports_tenant').on(t.tenantId, t.createdAt),
  ],
);

/**
 * The default residency registry: people the municipality confirmed as residents, by user
 * (a staff member checked them) or by ΑΦΜ (an imported roll, matched once they log in via TaxisNet).
 */
export const residents = pgTable(
  'participation_residents',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    afm: text('afm'),
    source: text('source').$type<'staff' | 'registry'>().notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('participation_residents_user').on(t.tenantId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('participation_residents_afm').on(t.tenantId, t.afm).where(sql`${t.afm} is not null`),
  ],
);

import { api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Consultation = Json<'/api/participation/consultations', 'get', 200>[number];
export type ConsultationDetail = Json<'/api/participation/consultations/{id}', 'get', 200>;
export type Article = ConsultationDetail['articles'][number];
export type Comment = Json<'/api/participation/consultations/{id}/comments', 'get', 200>['items'][number];
export type Report = Json<'/api/participation/consultations/{id}/report', 'get', 200>;
export type Proposal = Json<'/api/participation/proposals/{id}', 'get', 200>;
export type Survey = Json<'/api/participation/surveys/{id}', 'get', 200>;
export type SurveyResults = Json<'/api/participation/surveys/{id}/results', 'get', 200>;
export type Budget = Json<'/api/participation/budgets/{id}', 'get', 200>;
export type BudgetResults = Json<'/api/participation/budgets/{id}/results', 'get', 200>;
export type Idea = Json<'/api/participation/idea-calls/{id}/ideas', 'get', 200>['ideas'][number];
export type Verification = Consultation['verification'];

const id = (v: string) => ({ params: { path: { id: v } } });

export const listConsultations = () => unwrap(api.GET('/api/participation/consultations'));
export const getConsultation = (c: string) => unwrap(api.GET('/api/participation/consultations/{id}', id(c)));
export const listComments = (
  c: string,
  q: { articleId?: string; parentId?: string; cursor?: string; sort?: 'newest' | 'oldest' | 'supported'; limit?: number },
) => unwrap(api.GET('/api/participation/consultations/{id}/comments', { params: { path: { id: c }, query: { limit: 10, ...q } } }));
export const addComment = (
  c: string,
  body: { articleId?: string; parentId?: string; body: string; quote?: string; quoteStart?: number; quoteEnd?: number },
) => unwrap(api.POST('/api/participation/consultations/{id}/comments', { ...id(c), body }));
export const takeStance = (c: string, stance: 'support' | 'oppose') =>
  unwrap(api.POST('/api/participation/consultations/{id}/stance', { ...id(c), body: { stance } }));
export const voteComment = (c: string, value: 1 | 0 | -1) =>
  unwrap(api.POST('/api/participation/comments/{id}/vote', { ...id(c), body: { value } }));
export const getReport = (c: string) => unwrap(api.GET('/api/participation/consultations/{id}/report', id(c)));
export const reportAbuse = (kind: 'comment' | 'proposal' | 'idea' | 'evaluation', target: string, reason: string) =>
  unwrap(api.POST('/api/participation/{kind}/{id}/abuse-reports', { params: { path: { kind, id: target } }, body: { reason } }));

export const listProposals = (cursor?: string) =>
  unwrap(api.GET('/api/participation/proposals', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
export const addProposal = (body: { title: string; body: string }) => unwrap(api.POST('/api/participation/proposals', { body }));
export const supportProposal = (p: string) => unwrap(api.POST('/api/participation/proposals/{id}/support', id(p)));

export const listSurveys = () => unwrap(api.GET('/api/participation/surveys'));
export const getSurvey = (s: string) => unwrap(api.GET('/api/participation/surveys/{id}', id(s)));
export const surveyResults = (s: string) => unwrap(api.GET('/api/participation/surveys/{id}/results', id(s)));
export const answerSurvey = (s: string, answers: { questionId: string; options?: number[]; value?: number; text?: string }[]) =>
  unwrap(api.POST('/api/participation/surveys/{id}/responses', { ...id(s), body: { answers } }));

export const listBudgets = () => unwrap(api.GET('/api/participation/budgets'));
export const getBudget = (b: string) => unwrap(api.GET('/api/participation/budgets/{id}', id(b)));
export const budgetResults = (b: string) => unwrap(api.GET('/api/participation/budgets/{id}/results', id(b)));
export const castBallot = (b: string, projectIds: string[]) =>
  unwrap(api.POST('/api/participation/budgets/{id}/ballots', { ...id(b), body: { projectIds } }));
export const projectProgress = (p: string) => unwrap(api.GET('/api/participation/projects/{id}/progress', id(p)));

export const listIdeaCalls = () => unwrap(api.GET('/api/participation/idea-calls'));
export const listIdeas = (c: string) => unwrap(api.GET('/api/participation/idea-calls/{id}/ideas', id(c)));
export const addIdea = (c: string, body: { title: string; body: string; lat: number; lon: number }) =>
  unwrap(api.POST('/api/participation/idea-calls/{id}/ideas', { ...id(c), body }));
export const supportIdea = (i: string) => unwrap(api.POST('/api/participation/ideas/{id}/support', id(i)));

export const rate = (body: { targetKind: string; targetRef: string; rating: number; comment?: string }) =>
  unwrap(api.POST('/api/participation/evaluations', { body }));
export const ratingSummary = (targetKind: string, targetRef: string) =>
  unwrap(api.GET('/api/participation/evaluations/summary', { params: { query: { targetKind, targetRef } } }));

export const reportCsvHref = (c: string) => `/api/participation/consultations/${encodeURIComponent(c)}/report.csv`;
export const reportPdfHref = (c: string) => `/api/participation/consultations/${encodeURIComponent(c)}/report.pdf`;

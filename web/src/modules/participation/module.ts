import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconSpeaker } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** Consultations, proposals, surveys, participatory budgets, ratings and ideas; staff drafting, answers and moderation. */
export const participationModule: WebModule = {
  id: 'participation',
  citizen: (parent) => [
    page(parent, '/participation', () => import('./hub-page'), 'HubPage'),
    page(parent, '/participation/consultations/$id', () => import('./consultation-page'), 'ConsultationPage'),
    page(parent, '/participation/consultations/$id/report', () => import('./report-page'), 'ReportPage'),
    page(parent, '/participation/proposals', () => import('./proposals-page'), 'ProposalsPage'),
    page(parent, '/participation/surveys/$id', () => import('./survey-page'), 'SurveyPage'),
    page(parent, '/participation/budgets/$id', () => import('./budget-page'), 'BudgetPage'),
    page(parent, '/participation/ideas/$id', () => import('./ideas-page'), 'IdeasPage'),
    page(parent, '/participation/evaluate', () => import('./evaluate-page'), 'EvaluatePage'),
  ],
  staff: (parent) => [
    page(parent, 'participation', () => import('./staff-consultations-page'), 'StaffConsultationsPage'),
    page(parent, 'participation/consultations/$id', () => import('./staff-answers-page'), 'StaffAnswersPage'),
    page(parent, 'participation/surveys', () => import('./staff-surveys-page'), 'StaffSurveysPage'),
    page(parent, 'participation/surveys/$id', () => import('./staff-surveys-page'), 'StaffSurveyPage'),
    page(parent, 'participation/budgets', () => import('./staff-budgets-page'), 'StaffBudgetsPage'),
    page(parent, 'participation/budgets/$id', () => import('./staff-budgets-page'), 'StaffBudgetPage'),
    page(parent, 'participation/ideas', () => import('./staff-ideas-page'), 'StaffIdeaCallsPage'),
    page(parent, 'participation/ideas/$id', () => import('./staff-ideas-page'), 'StaffIdeaCallPage'),
    page(parent, 'participation/manage', () => import('./staff-manage-page'), 'StaffManagePage'),
    page(parent, 'participation/ratings', () => import('./staff-ratings-page'), 'StaffRatingsPage'),
    page(parent, 'participation/residents', () => import('./staff-residents-page'), 'StaffResidentsPage'),
    page(parent, 'participation/moderation', () => import('./staff-moderation-page'), 'StaffModerationPage'),
  ],
  /** One entry: the staff pages of participation link to each other with their own section links (StaffTabs). */
  staffNav: [
    {
      to: '/staff/participation',
      label: { el: 'Συμμετοχή', en: 'Participation' },
      Icon: IconSpeaker,
      roles: ['admin', 'head', 'mayor_office'],
    },
  ],
  citizenLinks: [
    { to: '/participation', label: { el: 'Συμμετοχή και διαβούλευση', en: 'Participation and consultation' }, Icon: IconSpeaker },
  ],
};

CREATE TABLE "participation_abuse_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"reporter_key" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_budget_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_budget_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cost_cents" bigint NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"progress_status" text DEFAULT 'planned' NOT NULL,
	"progress_percent" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_budget_votes" (
	"ballot_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"project_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"total_cents" bigint NOT NULL,
	"mode" text NOT NULL,
	"max_projects" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"verification" text DEFAULT 'taxisnet' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"ballot_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_comment_votes" (
	"comment_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"value" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"article_id" uuid,
	"parent_id" uuid,
	"author_user_id" uuid,
	"author_device_id" uuid,
	"voter_key" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"quote" text,
	"quote_start" integer,
	"quote_end" integer,
	"up_count" integer DEFAULT 0 NOT NULL,
	"down_count" integer DEFAULT 0 NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"answer_status" text,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"report_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"preamble" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"verification" text DEFAULT 'phone' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"report_published_at" timestamp with time zone,
	"report_summary" text,
	"support_count" integer DEFAULT 0 NOT NULL,
	"oppose_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_ref" text NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"author_user_id" uuid,
	"author_device_id" uuid,
	"voter_key" text NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_idea_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"verification" text DEFAULT 'phone' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_idea_supports" (
	"idea_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"author_user_id" uuid,
	"author_device_id" uuid,
	"voter_key" text NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL,
	"due_date" text
);
--> statement-breakpoint
CREATE TABLE "participation_project_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"body" text NOT NULL,
	"percent" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_proposal_supports" (
	"proposal_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"author_device_id" uuid,
	"voter_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"threshold" integer NOT NULL,
	"verification" text DEFAULT 'phone' NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"threshold_reached_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"report_count" integer DEFAULT 0 NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"afm" text,
	"source" text NOT NULL,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_stances" (
	"consultation_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"stance" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_survey_answers" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"option_index" integer,
	"value" integer,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "participation_survey_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scale_min" integer,
	"scale_max" integer,
	"required" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"verification" text DEFAULT 'phone' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"response_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participation_abuse_reports" ADD CONSTRAINT "participation_abuse_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_articles" ADD CONSTRAINT "participation_articles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_articles" ADD CONSTRAINT "participation_articles_consultation_id_participation_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."participation_consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_ballots" ADD CONSTRAINT "participation_budget_ballots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_ballots" ADD CONSTRAINT "participation_budget_ballots_budget_id_participation_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."participation_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_projects" ADD CONSTRAINT "participation_budget_projects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_projects" ADD CONSTRAINT "participation_budget_projects_budget_id_participation_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."participation_budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_votes" ADD CONSTRAINT "participation_budget_votes_ballot_id_participation_budget_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."participation_budget_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budget_votes" ADD CONSTRAINT "participation_budget_votes_project_id_participation_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."participation_budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_budgets" ADD CONSTRAINT "participation_budgets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comment_votes" ADD CONSTRAINT "participation_comment_votes_comment_id_participation_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."participation_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comment_votes" ADD CONSTRAINT "participation_comment_votes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comments" ADD CONSTRAINT "participation_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comments" ADD CONSTRAINT "participation_comments_consultation_id_participation_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."participation_consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comments" ADD CONSTRAINT "participation_comments_article_id_participation_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."participation_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comments" ADD CONSTRAINT "participation_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_comments" ADD CONSTRAINT "participation_comments_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_consultations" ADD CONSTRAINT "participation_consultations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_consultations" ADD CONSTRAINT "participation_consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_evaluations" ADD CONSTRAINT "participation_evaluations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_evaluations" ADD CONSTRAINT "participation_evaluations_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_idea_calls" ADD CONSTRAINT "participation_idea_calls_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_idea_supports" ADD CONSTRAINT "participation_idea_supports_idea_id_participation_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."participation_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_idea_supports" ADD CONSTRAINT "participation_idea_supports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_ideas" ADD CONSTRAINT "participation_ideas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_ideas" ADD CONSTRAINT "participation_ideas_call_id_participation_idea_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."participation_idea_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_ideas" ADD CONSTRAINT "participation_ideas_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_milestones" ADD CONSTRAINT "participation_milestones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_milestones" ADD CONSTRAINT "participation_milestones_project_id_participation_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."participation_budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_project_updates" ADD CONSTRAINT "participation_project_updates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_project_updates" ADD CONSTRAINT "participation_project_updates_project_id_participation_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."participation_budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_project_updates" ADD CONSTRAINT "participation_project_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_proposal_supports" ADD CONSTRAINT "participation_proposal_supports_proposal_id_participation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."participation_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_proposal_supports" ADD CONSTRAINT "participation_proposal_supports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_proposals" ADD CONSTRAINT "participation_proposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_proposals" ADD CONSTRAINT "participation_proposals_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_residents" ADD CONSTRAINT "participation_residents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_residents" ADD CONSTRAINT "participation_residents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_residents" ADD CONSTRAINT "participation_residents_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_stances" ADD CONSTRAINT "participation_stances_consultation_id_participation_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."participation_consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_stances" ADD CONSTRAINT "participation_stances_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_survey_answers" ADD CONSTRAINT "participation_survey_answers_response_id_participation_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."participation_survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_survey_answers" ADD CONSTRAINT "participation_survey_answers_question_id_participation_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."participation_survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_survey_questions" ADD CONSTRAINT "participation_survey_questions_survey_id_participation_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."participation_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_survey_responses" ADD CONSTRAINT "participation_survey_responses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_survey_responses" ADD CONSTRAINT "participation_survey_responses_survey_id_participation_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."participation_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_surveys" ADD CONSTRAINT "participation_surveys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "participation_abuse_reports_once" ON "participation_abuse_reports" USING btree ("target_kind","target_id","reporter_key");--> statement-breakpoint
CREATE INDEX "participation_abuse_reports_tenant" ON "participation_abuse_reports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_articles_position" ON "participation_articles" USING btree ("consultation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_budget_ballots_once" ON "participation_budget_ballots" USING btree ("budget_id","voter_key");--> statement-breakpoint
CREATE INDEX "participation_budget_projects_budget" ON "participation_budget_projects" USING btree ("budget_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_budget_votes_once" ON "participation_budget_votes" USING btree ("ballot_id","project_id");--> statement-breakpoint
CREATE INDEX "participation_budget_votes_budget" ON "participation_budget_votes" USING btree ("budget_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_comment_votes_once" ON "participation_comment_votes" USING btree ("comment_id","voter_key");--> statement-breakpoint
CREATE INDEX "participation_comments_consultation_time" ON "participation_comments" USING btree ("consultation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "participation_comments_consultation_score" ON "participation_comments" USING btree ("consultation_id","score","created_at","id");--> statement-breakpoint
CREATE INDEX "participation_comments_article_time" ON "participation_comments" USING btree ("article_id","created_at","id");--> statement-breakpoint
CREATE INDEX "participation_comments_parent_time" ON "participation_comments" USING btree ("parent_id","created_at","id");--> statement-breakpoint
CREATE INDEX "participation_consultations_tenant" ON "participation_consultations" USING btree ("tenant_id","status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_evaluations_once" ON "participation_evaluations" USING btree ("tenant_id","target_kind","target_ref","voter_key");--> statement-breakpoint
CREATE INDEX "participation_evaluations_target" ON "participation_evaluations" USING btree ("tenant_id","target_kind","target_ref","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_idea_supports_once" ON "participation_idea_supports" USING btree ("idea_id","voter_key");--> statement-breakpoint
CREATE INDEX "participation_ideas_call" ON "participation_ideas" USING btree ("call_id","created_at","id");--> statement-breakpoint
CREATE INDEX "participation_milestones_project" ON "participation_milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "participation_project_updates_project" ON "participation_project_updates" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_proposal_supports_once" ON "participation_proposal_supports" USING btree ("proposal_id","voter_key");--> statement-breakpoint
CREATE INDEX "participation_proposals_tenant" ON "participation_proposals" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_residents_user" ON "participation_residents" USING btree ("tenant_id","user_id") WHERE "participation_residents"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "participation_residents_afm" ON "participation_residents" USING btree ("tenant_id","afm") WHERE "participation_residents"."afm" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "participation_stances_once" ON "participation_stances" USING btree ("consultation_id","voter_key");--> statement-breakpoint
CREATE INDEX "participation_survey_answers_question" ON "participation_survey_answers" USING btree ("question_id","option_index");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_survey_questions_position" ON "participation_survey_questions" USING btree ("survey_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_survey_responses_once" ON "participation_survey_responses" USING btree ("survey_id","voter_key");
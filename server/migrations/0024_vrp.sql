CREATE TABLE "vrp_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"problem" jsonb NOT NULL,
	"job_count" integer NOT NULL,
	"vehicle_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vrp_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"problem_id" uuid NOT NULL,
	"options" jsonb NOT NULL,
	"inputs_hash" text NOT NULL,
	"solver_version" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answer" jsonb,
	"verdict" jsonb,
	"stopped_by" text,
	"cost" double precision,
	"elapsed_ms" integer,
	"error" text,
	"error_field" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"cancel_requested_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vrp_problems" ADD CONSTRAINT "vrp_problems_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrp_problems" ADD CONSTRAINT "vrp_problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrp_runs" ADD CONSTRAINT "vrp_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrp_runs" ADD CONSTRAINT "vrp_runs_problem_id_vrp_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."vrp_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vrp_runs" ADD CONSTRAINT "vrp_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vrp_problems_tenant_idx" ON "vrp_problems" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "vrp_runs_tenant_idx" ON "vrp_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "vrp_runs_status_idx" ON "vrp_runs" USING btree ("status");
CREATE TABLE "nursery_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"citizen_user_id" uuid,
	"public_code" text NOT NULL,
	"child_given_name" text NOT NULL,
	"child_family_name" text NOT NULL,
	"child_birth_date" date NOT NULL,
	"age_group" text NOT NULL,
	"preferences" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"verified_answers" jsonb,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"points" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"station_id" uuid,
	"rank" integer,
	"offered_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nursery_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"school_year" text NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"reference_date" date NOT NULL,
	"age_rules" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"capacity" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"ranked_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nursery_stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"capacity_infant" integer DEFAULT 0 NOT NULL,
	"capacity_toddler" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"type_code" text,
	"fee_cents" integer NOT NULL,
	"paid_cents" integer,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"payment_ref" text,
	"conflict_case_id" uuid,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bound_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nursery_applications" ADD CONSTRAINT "nursery_applications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursery_applications" ADD CONSTRAINT "nursery_applications_call_id_nursery_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."nursery_calls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursery_applications" ADD CONSTRAINT "nursery_applications_citizen_user_id_users_id_fk" FOREIGN KEY ("citizen_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursery_applications" ADD CONSTRAINT "nursery_applications_station_id_nursery_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."nursery_stations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursery_calls" ADD CONSTRAINT "nursery_calls_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nursery_stations" ADD CONSTRAINT "nursery_stations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nursery_applications_case" ON "nursery_applications" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nursery_applications_code" ON "nursery_applications" USING btree ("tenant_id","call_id","public_code");--> statement-breakpoint
CREATE INDEX "nursery_applications_call" ON "nursery_applications" USING btree ("tenant_id","call_id","status","rank");--> statement-breakpoint
CREATE INDEX "nursery_applications_citizen" ON "nursery_applications" USING btree ("tenant_id","citizen_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nursery_applications_child" ON "nursery_applications" USING btree ("tenant_id","call_id","citizen_user_id","child_birth_date","child_given_name") WHERE status not in ('withdrawn', 'removed');--> statement-breakpoint
CREATE INDEX "nursery_calls_tenant" ON "nursery_calls" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "nursery_stations_tenant" ON "nursery_stations" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_code_held" ON "payments" USING btree ("tenant_id","code") WHERE status <> 'conflict';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_case" ON "payments" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "payments_case" ON "payments" USING btree ("case_id");
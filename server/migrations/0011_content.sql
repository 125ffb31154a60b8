CREATE TABLE "content_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text,
	"text_el" text NOT NULL,
	"text_en" text,
	"area_el" text NOT NULL,
	"area_en" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"push" boolean DEFAULT false NOT NULL,
	"pushed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name_el" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"category_id" uuid,
	"title_el" text NOT NULL,
	"title_en" text,
	"summary_el" text DEFAULT '' NOT NULL,
	"summary_en" text,
	"body_el" text DEFAULT '' NOT NULL,
	"body_en" text,
	"image_file_id" uuid,
	"image_alt_el" text,
	"image_alt_en" text,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"place_el" text,
	"place_en" text,
	"lat" double precision,
	"lon" double precision,
	"organiser" text,
	"push" boolean DEFAULT false NOT NULL,
	"pushed_at" timestamp with time zone,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text,
	"decision_number" text,
	"decision_el" text,
	"decision_en" text,
	"ada" text
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text,
	"starts_at" timestamp with time zone NOT NULL,
	"place_el" text NOT NULL,
	"place_en" text,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_alerts" ADD CONSTRAINT "content_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_categories" ADD CONSTRAINT "content_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_category_id_content_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."content_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_alerts_active" ON "content_alerts" USING btree ("tenant_id","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "content_categories_tenant_slug" ON "content_categories" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "content_items_published" ON "content_items" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "content_items_events" ON "content_items" USING btree ("tenant_id","kind","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "council_agenda_items_position" ON "council_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "council_agenda_items_ada" ON "council_agenda_items" USING btree ("tenant_id","ada");--> statement-breakpoint
CREATE INDEX "council_meetings_tenant_start" ON "council_meetings" USING btree ("tenant_id","starts_at");
CREATE TABLE "tenant_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name_el" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text DEFAULT 'holiday' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_holidays" ADD CONSTRAINT "tenant_holidays_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_holidays_tenant_date" ON "tenant_holidays" USING btree ("tenant_id","date");
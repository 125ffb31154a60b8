CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"street" text NOT NULL,
	"street_norm" text NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"postcode" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_tenant_street_number" ON "addresses" USING btree ("tenant_id","street_norm","number");--> statement-breakpoint
CREATE INDEX "addresses_street_trgm" ON "addresses" USING gin ("street_norm" gin_trgm_ops);
CREATE TABLE "appt_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_id" uuid,
	"slot_id" uuid,
	"resource_id" uuid,
	"kind" text DEFAULT 'appointment' NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"hold_expires_at" timestamp with time zone,
	"device_id" uuid,
	"citizen_user_id" uuid,
	"name" text,
	"phone" text,
	"email" text,
	"lang" text DEFAULT 'el' NOT NULL,
	"notes" text,
	"manage_token_hash" text,
	"replaces_booking_id" uuid,
	"waitlist_id" uuid,
	"ticket_number" text,
	"booked_by_user_id" uuid,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"service_started_at" timestamp with time zone,
	"service_ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appt_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"date" date NOT NULL,
	"closed" boolean DEFAULT true NOT NULL,
	"intervals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appt_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appt_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name_el" text NOT NULL,
	"name_en" text NOT NULL,
	"duration_min" integer NOT NULL,
	"buffer_min" integer DEFAULT 0 NOT NULL,
	"documents_el" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"documents_en" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cap_online" integer DEFAULT 1 NOT NULL,
	"cap_phone" integer DEFAULT 0 NOT NULL,
	"cap_counter" integer DEFAULT 0 NOT NULL,
	"min_lead_hours" integer DEFAULT 2 NOT NULL,
	"horizon_days" integer DEFAULT 60 NOT NULL,
	"limit_per_citizen" integer DEFAULT 1 NOT NULL,
	"limit_period_days" integer DEFAULT 30 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appt_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"resource_id" uuid,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cap_online" integer NOT NULL,
	"cap_phone" integer NOT NULL,
	"cap_counter" integer NOT NULL,
	"taken_online" integer DEFAULT 0 NOT NULL,
	"taken_phone" integer DEFAULT 0 NOT NULL,
	"taken_counter" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appt_slots_time" UNIQUE NULLS NOT DISTINCT("service_id","resource_id","starts_at"),
	CONSTRAINT "appt_slots_online_cap" CHECK ("appt_slots"."taken_online" >= 0 and "appt_slots"."taken_online" <= "appt_slots"."cap_online"),
	CONSTRAINT "appt_slots_phone_cap" CHECK ("appt_slots"."taken_phone" >= 0 and "appt_slots"."taken_phone" <= "appt_slots"."cap_phone"),
	CONSTRAINT "appt_slots_counter_cap" CHECK ("appt_slots"."taken_counter" >= 0 and "appt_slots"."taken_counter" <= "appt_slots"."cap_counter")
);
--> statement-breakpoint
CREATE TABLE "appt_ticket_counters" (
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"date" date NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appt_ticket_counters_tenant_id_unit_id_date_pk" PRIMARY KEY("tenant_id","unit_id","date")
);
--> statement-breakpoint
CREATE TABLE "appt_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"weekly" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appt_waitlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"citizen_user_id" uuid NOT NULL,
	"device_id" uuid,
	"booking_id" uuid,
	"until_date" date,
	"status" text DEFAULT 'waiting' NOT NULL,
	"offered_booking_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid,
	"template_key" text NOT NULL,
	"title" jsonb NOT NULL,
	"protocol_number" text NOT NULL,
	"lang" text DEFAULT 'el' NOT NULL,
	"recipient_user_id" uuid,
	"recipient_device_id" uuid,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"code" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signer_kind" text NOT NULL,
	"signer_user_id" uuid,
	"signer_name" text NOT NULL,
	"credential_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "signing_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"label" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"certificate_pem" text NOT NULL,
	"p12" text NOT NULL,
	"self_signed" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_service_id_appt_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appt_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_slot_id_appt_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appt_slots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_resource_id_appt_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."appt_resources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_bookings" ADD CONSTRAINT "appt_bookings_citizen_user_id_users_id_fk" FOREIGN KEY ("citizen_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_exceptions" ADD CONSTRAINT "appt_exceptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_exceptions" ADD CONSTRAINT "appt_exceptions_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_resources" ADD CONSTRAINT "appt_resources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_resources" ADD CONSTRAINT "appt_resources_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_services" ADD CONSTRAINT "appt_services_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_services" ADD CONSTRAINT "appt_services_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_slots" ADD CONSTRAINT "appt_slots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_slots" ADD CONSTRAINT "appt_slots_service_id_appt_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appt_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_slots" ADD CONSTRAINT "appt_slots_resource_id_appt_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."appt_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_ticket_counters" ADD CONSTRAINT "appt_ticket_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_ticket_counters" ADD CONSTRAINT "appt_ticket_counters_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_units" ADD CONSTRAINT "appt_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_units" ADD CONSTRAINT "appt_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_waitlist" ADD CONSTRAINT "appt_waitlist_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_waitlist" ADD CONSTRAINT "appt_waitlist_service_id_appt_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."appt_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appt_waitlist" ADD CONSTRAINT "appt_waitlist_citizen_user_id_users_id_fk" FOREIGN KEY ("citizen_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_recipient_device_id_devices_id_fk" FOREIGN KEY ("recipient_device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_credential_id_signing_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."signing_credentials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appt_bookings_one_hold" ON "appt_bookings" USING btree ("device_id") WHERE "appt_bookings"."status" = 'held' and "appt_bookings"."device_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "appt_bookings_manage" ON "appt_bookings" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "appt_bookings_day" ON "appt_bookings" USING btree ("tenant_id","unit_id","date");--> statement-breakpoint
CREATE INDEX "appt_bookings_slot" ON "appt_bookings" USING btree ("slot_id","status");--> statement-breakpoint
CREATE INDEX "appt_bookings_citizen" ON "appt_bookings" USING btree ("tenant_id","citizen_user_id");--> statement-breakpoint
CREATE INDEX "appt_bookings_holds" ON "appt_bookings" USING btree ("hold_expires_at") WHERE "appt_bookings"."status" = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "appt_exceptions_unit_date" ON "appt_exceptions" USING btree ("tenant_id","unit_id","date");--> statement-breakpoint
CREATE INDEX "appt_resources_unit" ON "appt_resources" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "appt_services_unit" ON "appt_services" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "appt_slots_day" ON "appt_slots" USING btree ("tenant_id","service_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "appt_units_unit" ON "appt_units" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "appt_waitlist_queue" ON "appt_waitlist" USING btree ("tenant_id","service_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_code_uq" ON "documents" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "documents_file_idx" ON "documents" USING btree ("tenant_id","file_id");--> statement-breakpoint
CREATE INDEX "documents_recipient_idx" ON "documents" USING btree ("tenant_id","recipient_user_id") WHERE recipient_user_id is not null;--> statement-breakpoint
CREATE INDEX "signing_credentials_owner_idx" ON "signing_credentials" USING btree ("tenant_id","owner_user_id");
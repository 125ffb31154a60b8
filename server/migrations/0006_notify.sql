CREATE TABLE "notify_broadcasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title_el" text NOT NULL,
	"title_en" text NOT NULL,
	"text_el" text NOT NULL,
	"text_en" text NOT NULL,
	"audience" jsonb NOT NULL,
	"channels" text[] NOT NULL,
	"send_at" timestamp with time zone,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"message_id" uuid,
	"recipients" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"user_id" uuid,
	"device_id" uuid,
	"address" text,
	"lang" text DEFAULT 'el' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"provider" text,
	"client_ref" text,
	"provider_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"segments" integer,
	"cost" numeric(12, 4),
	"ignore_quiet_hours" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notify_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"category" text DEFAULT 'general' NOT NULL,
	"template_key" text,
	"subject_el" text NOT NULL,
	"subject_en" text NOT NULL,
	"text_el" text NOT NULL,
	"text_en" text NOT NULL,
	"html_el" text,
	"html_en" text,
	"url" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"broadcast_id" uuid,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"device_id" uuid,
	"channels" text[] DEFAULT '{push,inapp,email}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{civil_protection,weather,transport,schools,events,general}'::text[] NOT NULL,
	"quiet_start" text,
	"quiet_end" text,
	"lang" text DEFAULT 'el' NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"zone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"device_id" uuid,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"device_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"template_key" text,
	"text" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"device_id" uuid,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"lang" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_vapid_keys" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notify_broadcasts" ADD CONSTRAINT "notify_broadcasts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_message_id_notify_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."notify_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_messages" ADD CONSTRAINT "notify_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_preferences" ADD CONSTRAINT "notify_preferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_push_subscriptions" ADD CONSTRAINT "notify_push_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_reminders" ADD CONSTRAINT "notify_reminders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_subscriptions" ADD CONSTRAINT "notify_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_templates" ADD CONSTRAINT "notify_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_vapid_keys" ADD CONSTRAINT "notify_vapid_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notify_broadcasts_tenant" ON "notify_broadcasts" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "notify_deliveries_message" ON "notify_deliveries" USING btree ("message_id","channel","status");--> statement-breakpoint
CREATE INDEX "notify_deliveries_inbox_user" ON "notify_deliveries" USING btree ("tenant_id","user_id","created_at") WHERE "notify_deliveries"."channel" = 'inapp';--> statement-breakpoint
CREATE INDEX "notify_deliveries_inbox_device" ON "notify_deliveries" USING btree ("tenant_id","device_id","created_at") WHERE "notify_deliveries"."channel" = 'inapp';--> statement-breakpoint
CREATE INDEX "notify_deliveries_provider_id" ON "notify_deliveries" USING btree ("provider","provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_messages_dedupe" ON "notify_messages" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_pref_recipient" ON "notify_preferences" USING btree ("tenant_id",coalesce("user_id", "device_id"));--> statement-breakpoint
CREATE INDEX "notify_pref_user" ON "notify_preferences" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_push_endpoint" ON "notify_push_subscriptions" USING btree ("tenant_id","endpoint");--> statement-breakpoint
CREATE INDEX "notify_push_user" ON "notify_push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notify_push_device" ON "notify_push_subscriptions" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_reminders_dedupe" ON "notify_reminders" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_sub_unique" ON "notify_subscriptions" USING btree ("tenant_id",coalesce("user_id", "device_id"),"kind","ref_id");--> statement-breakpoint
CREATE INDEX "notify_sub_ref" ON "notify_subscriptions" USING btree ("tenant_id","kind","ref_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_templates_key" ON "notify_templates" USING btree ("tenant_id","key","lang");
CREATE TABLE "class_code_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"action" text,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "class_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"region_code" text,
	"unit_id" uuid,
	"seats" integer NOT NULL,
	"weight" numeric(12, 2),
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "class_quotas_holder_check" CHECK (("class_quotas"."region_code" is null) <> ("class_quotas"."unit_id" is null)),
	CONSTRAINT "class_quotas_seats_check" CHECK ("class_quotas"."seats" >= 0)
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"lead_organiser_id" uuid NOT NULL,
	"co_organiser_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"host_institution_id" uuid,
	"city_code" text,
	"venue" text,
	"mode" text DEFAULT 'offline' NOT NULL,
	"start_date" date,
	"end_date" date,
	"planned_hours" numeric(7, 1),
	"capacity" integer,
	"target_audience" text,
	"nomination_deadline" timestamp with time zone,
	"self_registration" boolean DEFAULT false NOT NULL,
	"waitlist" boolean DEFAULT false NOT NULL,
	"director_id" uuid,
	"assistant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"budget" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"plan_item_id" uuid,
	"cloned_from" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classes_dates_check" CHECK ("classes"."end_date" is null or "classes"."start_date" is null or "classes"."end_date" >= "classes"."start_date")
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"nomination_id" uuid,
	"group_id" uuid,
	"role" text DEFAULT 'member' NOT NULL,
	"arrival_at" timestamp with time zone,
	"arrival_transport" text,
	"arrival_number" text,
	"return_ticket_needed" boolean DEFAULT false NOT NULL,
	"accommodation" text,
	"note" text,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"quota_id" uuid,
	"person_id" uuid NOT NULL,
	"source" text DEFAULT 'nomination' NOT NULL,
	"status" text NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"note" text,
	"decision_reason" text,
	"replaced_by_id" uuid,
	"replaces_id" uuid,
	"nominated_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"window_start" text NOT NULL,
	"window_end" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"target_audience" text,
	"size" integer NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"note" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organiser_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "class_events" ADD CONSTRAINT "class_events_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_events" ADD CONSTRAINT "class_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_groups" ADD CONSTRAINT "class_groups_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_quotas" ADD CONSTRAINT "class_quotas_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_quotas" ADD CONSTRAINT "class_quotas_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_quotas" ADD CONSTRAINT "class_quotas_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_lead_organiser_id_units_id_fk" FOREIGN KEY ("lead_organiser_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_host_institution_id_units_id_fk" FOREIGN KEY ("host_institution_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_director_id_users_id_fk" FOREIGN KEY ("director_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_group_id_class_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."class_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_quota_id_class_quotas_id_fk" FOREIGN KEY ("quota_id") REFERENCES "public"."class_quotas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organiser_id_units_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_events_class_idx" ON "class_events" USING btree ("class_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "class_groups_name_idx" ON "class_groups" USING btree ("class_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "class_quotas_region_idx" ON "class_quotas" USING btree ("class_id","region_code") WHERE "class_quotas"."region_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "class_quotas_unit_idx" ON "class_quotas" USING btree ("class_id","unit_id") WHERE "class_quotas"."unit_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "classes_code_idx" ON "classes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "classes_year_idx" ON "classes" USING btree ("year","start_date");--> statement-breakpoint
CREATE INDEX "classes_organiser_idx" ON "classes" USING btree ("lead_organiser_id");--> statement-breakpoint
CREATE INDEX "classes_status_idx" ON "classes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "classes_director_idx" ON "classes" USING btree ("director_id");--> statement-breakpoint
CREATE INDEX "classes_tags_idx" ON "classes" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "classes_plan_item_idx" ON "classes" USING btree ("plan_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_class_person_idx" ON "enrollments" USING btree ("class_id","person_id");--> statement-breakpoint
CREATE INDEX "enrollments_person_idx" ON "enrollments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "enrollments_group_idx" ON "enrollments" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_active_person_idx" ON "nominations" USING btree ("class_id","person_id") WHERE "nominations"."status" in ('submitted', 'approved', 'waitlisted');--> statement-breakpoint
CREATE INDEX "nominations_class_status_idx" ON "nominations" USING btree ("class_id","status");--> statement-breakpoint
CREATE INDEX "nominations_quota_idx" ON "nominations" USING btree ("quota_id","status");--> statement-breakpoint
CREATE INDEX "nominations_person_idx" ON "nominations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "plan_events_plan_idx" ON "plan_events" USING btree ("plan_id","at");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","sort_order");--> statement-breakpoint
CREATE INDEX "plans_organiser_year_idx" ON "plans" USING btree ("organiser_id","year");--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year");--> statement-breakpoint
-- Class directors are no longer scoped by a free-text class name: they reach the classes that name them.
DELETE FROM "user_roles" a USING "user_roles" b WHERE a."role" = 'class_director' AND b."role" = 'class_director' AND a."user_id" = b."user_id" AND a."id" > b."id";--> statement-breakpoint
UPDATE "user_roles" SET "scope_id" = NULL WHERE "role" = 'class_director';

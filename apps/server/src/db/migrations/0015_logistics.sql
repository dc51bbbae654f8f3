CREATE TABLE "class_hotels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"phone" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"name" text NOT NULL,
	"quantity_per_trainee" integer DEFAULT 1 NOT NULL,
	"note" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hotel_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"number" text NOT NULL,
	"beds" integer NOT NULL,
	"gender" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollment_services" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"class_id" uuid NOT NULL,
	"dietary_need" text,
	"dietary_note" text,
	"single_room" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_handouts" (
	"material_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"handed_by" uuid,
	"handed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_handouts_material_id_enrollment_id_pk" PRIMARY KEY("material_id","enrollment_id")
);
--> statement-breakpoint
CREATE TABLE "pick_up_arrangements" (
	"class_id" uuid NOT NULL,
	"key" text NOT NULL,
	"vehicle" text,
	"driver" text,
	"driver_phone" text,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pick_up_arrangements_class_id_key_pk" PRIMARY KEY("class_id","key")
);
--> statement-breakpoint
CREATE TABLE "room_assignments" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "class_hotels" ADD CONSTRAINT "class_hotels_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_materials" ADD CONSTRAINT "class_materials_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_rooms" ADD CONSTRAINT "class_rooms_hotel_id_class_hotels_id_fk" FOREIGN KEY ("hotel_id") REFERENCES "public"."class_hotels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_rooms" ADD CONSTRAINT "class_rooms_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_services" ADD CONSTRAINT "enrollment_services_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_services" ADD CONSTRAINT "enrollment_services_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_services" ADD CONSTRAINT "enrollment_services_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_handouts" ADD CONSTRAINT "material_handouts_material_id_class_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."class_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_handouts" ADD CONSTRAINT "material_handouts_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_handouts" ADD CONSTRAINT "material_handouts_handed_by_users_id_fk" FOREIGN KEY ("handed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_up_arrangements" ADD CONSTRAINT "pick_up_arrangements_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pick_up_arrangements" ADD CONSTRAINT "pick_up_arrangements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_assignments" ADD CONSTRAINT "room_assignments_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_assignments" ADD CONSTRAINT "room_assignments_room_id_class_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."class_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_assignments" ADD CONSTRAINT "room_assignments_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_assignments" ADD CONSTRAINT "room_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "class_hotels_name_idx" ON "class_hotels" USING btree ("class_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "class_materials_name_idx" ON "class_materials" USING btree ("class_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "class_rooms_number_idx" ON "class_rooms" USING btree ("hotel_id","number");--> statement-breakpoint
CREATE INDEX "class_rooms_class_idx" ON "class_rooms" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "material_handouts_enrollment_idx" ON "material_handouts" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "room_assignments_room_idx" ON "room_assignments" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "room_assignments_class_idx" ON "room_assignments" USING btree ("class_id");
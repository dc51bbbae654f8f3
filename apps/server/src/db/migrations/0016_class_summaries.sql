CREATE TABLE "class_summaries" (
	"class_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"person_times" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"decided" integer DEFAULT 0 NOT NULL,
	"hours" numeric(14, 2) DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"certificates" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "class_summaries_class_id_shard_pk" PRIMARY KEY("class_id","shard")
);
--> statement-breakpoint
ALTER TABLE "class_summaries" ADD CONSTRAINT "class_summaries_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "class_summaries_add"(
  c uuid, enrollment uuid, d_person_times integer, d_completed integer, d_decided integer, d_hours numeric,
  d_attended integer, d_due integer, d_certificates integer
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF c IS NULL OR (d_person_times = 0 AND d_completed = 0 AND d_decided = 0 AND d_hours = 0
      AND d_attended = 0 AND d_due = 0 AND d_certificates = 0) THEN
    RETURN;
  END IF;
  -- A deferred change may reach commit after its class was deleted in the same transaction.
  -- The enrolment's shard of the class (16 rows at most): concurrent check-ins rarely share one.
  INSERT INTO "class_summaries" ("class_id", "shard", "person_times", "completed", "decided", "hours", "attended", "due", "certificates")
    SELECT c, (uuid_hash(enrollment) & 15)::smallint, d_person_times, d_completed, d_decided, d_hours, d_attended, d_due, d_certificates
    WHERE EXISTS (SELECT 1 FROM "classes" WHERE "id" = c)
    ON CONFLICT ("class_id", "shard") DO UPDATE
      SET "person_times" = "class_summaries"."person_times" + EXCLUDED."person_times",
          "completed" = "class_summaries"."completed" + EXCLUDED."completed",
          "decided" = "class_summaries"."decided" + EXCLUDED."decided",
          "hours" = "class_summaries"."hours" + EXCLUDED."hours",
          "attended" = "class_summaries"."attended" + EXCLUDED."attended",
          "due" = "class_summaries"."due" + EXCLUDED."due",
          "certificates" = "class_summaries"."certificates" + EXCLUDED."certificates";
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "class_summaries_enrollment"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" = 'enrolled' THEN
    PERFORM "class_summaries_add"(OLD."class_id", OLD."id", -1, 0, 0, 0, 0, 0, 0);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'enrolled' THEN
    PERFORM "class_summaries_add"(NEW."class_id", NEW."id", 1, 0, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "enrollments_class_summary" AFTER INSERT OR DELETE OR UPDATE OF "status", "class_id" ON "enrollments"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "class_summaries_enrollment"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "class_summaries_completion"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "class_summaries_add"(OLD."class_id", OLD."enrollment_id", 0, -(OLD."completed"::int), -1,
      -(CASE WHEN OLD."completed" THEN OLD."hours" ELSE 0 END), 0, 0, 0);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "class_summaries_add"(NEW."class_id", NEW."enrollment_id", 0, NEW."completed"::int, 1,
      CASE WHEN NEW."completed" THEN NEW."hours" ELSE 0 END, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "completion_results_class_summary" AFTER INSERT OR DELETE OR UPDATE OF "completed", "hours", "class_id" ON "completion_results"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "class_summaries_completion"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "class_summaries_attendance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "class_summaries_add"(OLD."class_id", OLD."enrollment_id", 0, 0, 0, 0, -OLD."attended", -OLD."due", 0);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "class_summaries_add"(NEW."class_id", NEW."enrollment_id", 0, 0, 0, 0, NEW."attended", NEW."due", 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "enrollment_attendance_class_summary_insert" AFTER INSERT ON "enrollment_attendance"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."attended" <> 0 OR NEW."due" <> 0)
  EXECUTE FUNCTION "class_summaries_attendance"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "enrollment_attendance_class_summary_update" AFTER UPDATE ON "enrollment_attendance"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD."attended" IS DISTINCT FROM NEW."attended" OR OLD."due" IS DISTINCT FROM NEW."due"
        OR OLD."class_id" IS DISTINCT FROM NEW."class_id")
  EXECUTE FUNCTION "class_summaries_attendance"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "enrollment_attendance_class_summary_delete" AFTER DELETE ON "enrollment_attendance"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."attended" <> 0 OR OLD."due" <> 0)
  EXECUTE FUNCTION "class_summaries_attendance"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "class_summaries_certificate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" = 'valid' THEN
    PERFORM "class_summaries_add"(OLD."class_id", OLD."enrollment_id", 0, 0, 0, 0, 0, 0, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'valid' THEN
    PERFORM "class_summaries_add"(NEW."class_id", NEW."enrollment_id", 0, 0, 0, 0, 0, 0, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certificates_class_summary" AFTER INSERT OR DELETE OR UPDATE OF "status", "class_id" ON "certificates"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "class_summaries_certificate"();
--> statement-breakpoint
INSERT INTO "class_summaries" ("class_id", "shard", "person_times", "completed", "decided", "hours", "attended", "due", "certificates")
  SELECT "class_id", (uuid_hash("enrollment_id") & 15)::smallint, sum("pt"), sum("comp"), sum("dec"), sum("hrs"), sum("att"), sum("du"), sum("cert")
  FROM (
    SELECT "class_id", "id" AS "enrollment_id", 1 AS "pt", 0 AS "comp", 0 AS "dec", 0::numeric AS "hrs", 0 AS "att", 0 AS "du", 0 AS "cert"
      FROM "enrollments" WHERE "status" = 'enrolled'
    UNION ALL
    SELECT "class_id", "enrollment_id", 0, "completed"::int, 1, CASE WHEN "completed" THEN "hours" ELSE 0 END, 0, 0, 0
      FROM "completion_results"
    UNION ALL
    SELECT "class_id", "enrollment_id", 0, 0, 0, 0, "attended", "due", 0 FROM "enrollment_attendance"
    UNION ALL
    SELECT "class_id", "enrollment_id", 0, 0, 0, 0, 0, 0, 1 FROM "certificates" WHERE "status" = 'valid'
  ) x
  GROUP BY 1, 2
  ON CONFLICT ("class_id", "shard") DO NOTHING;

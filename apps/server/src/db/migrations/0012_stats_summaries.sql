CREATE TABLE "enrollment_attendance" (
	"enrollment_id" uuid PRIMARY KEY NOT NULL,
	"class_id" uuid NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_form_scores" (
	"form_id" uuid PRIMARY KEY NOT NULL,
	"responses" integer DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"score_n" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrollment_attendance" ADD CONSTRAINT "enrollment_attendance_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_form_scores" ADD CONSTRAINT "survey_form_scores_form_id_survey_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."survey_forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrollment_attendance_class_idx" ON "enrollment_attendance" USING btree ("class_id");--> statement-breakpoint
CREATE OR REPLACE FUNCTION "enrollment_attendance_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "enrollment_attendance"
      SET "attended" = "attended" - (CASE WHEN OLD."status" IN ('present', 'late', 'left_early') THEN 1 ELSE 0 END),
          "due" = "due" - (CASE WHEN OLD."status" IS NOT NULL AND OLD."status" <> 'on_leave' THEN 1 ELSE 0 END)
      WHERE "enrollment_id" = OLD."enrollment_id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "enrollment_attendance" ("enrollment_id", "class_id", "attended", "due")
      VALUES (NEW."enrollment_id", NEW."class_id",
        CASE WHEN NEW."status" IN ('present', 'late', 'left_early') THEN 1 ELSE 0 END,
        CASE WHEN NEW."status" IS NOT NULL AND NEW."status" <> 'on_leave' THEN 1 ELSE 0 END)
      ON CONFLICT ("enrollment_id") DO UPDATE
        SET "attended" = "enrollment_attendance"."attended" + EXCLUDED."attended",
            "due" = "enrollment_attendance"."due" + EXCLUDED."due";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "attendance_records_summary" AFTER INSERT OR UPDATE OF "status" OR DELETE ON "attendance_records"
  FOR EACH ROW EXECUTE FUNCTION "enrollment_attendance_apply"();
--> statement-breakpoint
INSERT INTO "enrollment_attendance" ("enrollment_id", "class_id", "attended", "due")
  SELECT "enrollment_id", min("class_id"::text)::uuid,
    count(*) FILTER (WHERE "status" IN ('present', 'late', 'left_early')),
    count(*) FILTER (WHERE "status" IS NOT NULL AND "status" <> 'on_leave')
  FROM "attendance_records" GROUP BY "enrollment_id"
  ON CONFLICT ("enrollment_id") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "survey_form_scores_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  s double precision;
  n integer;
  sign integer;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; sign := -1; ELSE r := NEW; sign := 1; END IF;
  SELECT coalesce(sum((r."answers" ->> (q ->> 'id'))::double precision), 0), count(*)
    INTO s, n
    FROM "survey_forms" f CROSS JOIN LATERAL jsonb_array_elements(f."questions") q
    WHERE f."id" = r."form_id" AND q ->> 'kind' = 'rating'
      AND jsonb_typeof(r."answers" -> (q ->> 'id')) = 'number';
  IF n > 0 THEN
    INSERT INTO "survey_form_scores" ("form_id", "responses", "score_sum", "score_n")
      VALUES (r."form_id", sign, sign * s, sign * n)
      ON CONFLICT ("form_id") DO UPDATE
        SET "responses" = "survey_form_scores"."responses" + EXCLUDED."responses",
            "score_sum" = "survey_form_scores"."score_sum" + EXCLUDED."score_sum",
            "score_n" = "survey_form_scores"."score_n" + EXCLUDED."score_n";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "survey_responses_scores" AFTER INSERT OR DELETE ON "survey_responses"
  FOR EACH ROW EXECUTE FUNCTION "survey_form_scores_apply"();
--> statement-breakpoint
INSERT INTO "survey_form_scores" ("form_id", "responses", "score_sum", "score_n")
  SELECT r."form_id", count(DISTINCT r."id"), coalesce(sum((r."answers" ->> (q ->> 'id'))::double precision), 0), count(*)
  FROM "survey_responses" r JOIN "survey_forms" f ON f."id" = r."form_id"
  CROSS JOIN LATERAL jsonb_array_elements(f."questions") q
  WHERE q ->> 'kind' = 'rating' AND jsonb_typeof(r."answers" -> (q ->> 'id')) = 'number'
  GROUP BY r."form_id"
  ON CONFLICT ("form_id") DO NOTHING;

namespace Minxin.Data;

/// <summary>
/// The append-only rule of reports and the audit log, as database triggers, so that no path can break it: not a bulk
/// ExecuteDelete, not raw SQL, not another program on the same database. A report may be deleted only while it is a
/// draft that was never submitted; a submitted report's content never changes (its review may); an approved report
/// never changes at all; a report's figures, site updates and attachments change only while it is editable; its
/// history changes never once it was submitted; the audit log never changes. <see cref="AppendOnly"/> checks the same
/// before every save, with a clearer message.
/// </summary>
public static class AppendOnlyTriggers
{
    private const string ReportContentSqlite =
        "NEW.ItemId IS NOT OLD.ItemId OR NEW.RoundId IS NOT OLD.RoundId OR NEW.AsOf IS NOT OLD.AsOf OR NEW.Version IS NOT OLD.Version " +
        "OR NEW.CorrectionNote IS NOT OLD.CorrectionNote OR NEW.Status IS NOT OLD.Status OR NEW.Narrative IS NOT OLD.Narrative " +
        "OR NEW.ExpectedCompletion IS NOT OLD.ExpectedCompletion OR NEW.ExpectedCompletionReason IS NOT OLD.ExpectedCompletionReason " +
        "OR NEW.SourceId IS NOT OLD.SourceId OR NEW.SubmittedBy IS NOT OLD.SubmittedBy OR NEW.SubmittedByUserId IS NOT OLD.SubmittedByUserId " +
        "OR NEW.UnitId IS NOT OLD.UnitId OR NEW.SubmittedAt IS NOT OLD.SubmittedAt";

    public static readonly string Sqlite = $"""
        CREATE TRIGGER reports_append_only_delete BEFORE DELETE ON Reports WHEN OLD.Review <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: a report that was submitted cannot be deleted'); END;
        CREATE TRIGGER reports_append_only_update BEFORE UPDATE ON Reports
        WHEN OLD.Review = 'approved' OR (OLD.Review = 'submitted' AND ({ReportContentSqlite}))
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: an approved report never changes, a submitted one only by its review'); END;
        {PartsSqlite("IndicatorValues")}
        {PartsSqlite("SiteUpdates")}
        {PartsSqlite("Attachments")}
        CREATE TRIGGER attachment_contents_append_only_update BEFORE UPDATE ON AttachmentContents
        WHEN (SELECT r.Review FROM Attachments a JOIN Reports r ON r.Id = a.ReportId WHERE a.Id = OLD.AttachmentId) NOT IN ('draft', 'returned')
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: the attachments of a submitted report cannot change'); END;
        CREATE TRIGGER attachment_contents_append_only_delete BEFORE DELETE ON AttachmentContents
        WHEN (SELECT r.Review FROM Attachments a JOIN Reports r ON r.Id = a.ReportId WHERE a.Id = OLD.AttachmentId) NOT IN ('draft', 'returned')
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: the attachments of a submitted report cannot change'); END;
        CREATE TRIGGER report_events_append_only_update BEFORE UPDATE ON ReportEvents
        BEGIN SELECT RAISE(ABORT, 'A report''s history is append-only'); END;
        CREATE TRIGGER report_events_append_only_delete BEFORE DELETE ON ReportEvents
        WHEN (SELECT Review FROM Reports WHERE Id = OLD.ReportId) <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'A report''s history is append-only'); END;
        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON AuditLog
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON AuditLog
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
        """;

    // While a cascade removes a draft report's rows, the report is already gone: the subquery finds nothing and the
    // row may go.
    private static string PartsSqlite(string table) => $"""
        CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
        WHEN (SELECT Review FROM Reports WHERE Id = OLD.ReportId) NOT IN ('draft', 'returned')
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: {table} of a submitted report cannot change'); END;
        CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
        WHEN (SELECT Review FROM Reports WHERE Id = OLD.ReportId) NOT IN ('draft', 'returned')
        BEGIN SELECT RAISE(ABORT, 'Reports are append-only: {table} of a submitted report cannot change'); END;
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS reports_append_only_delete; DROP TRIGGER IF EXISTS reports_append_only_update;
        DROP TRIGGER IF EXISTS IndicatorValues_append_only_update; DROP TRIGGER IF EXISTS IndicatorValues_append_only_delete;
        DROP TRIGGER IF EXISTS SiteUpdates_append_only_update; DROP TRIGGER IF EXISTS SiteUpdates_append_only_delete;
        DROP TRIGGER IF EXISTS Attachments_append_only_update; DROP TRIGGER IF EXISTS Attachments_append_only_delete;
        DROP TRIGGER IF EXISTS attachment_contents_append_only_update; DROP TRIGGER IF EXISTS attachment_contents_append_only_delete;
        DROP TRIGGER IF EXISTS report_events_append_only_update; DROP TRIGGER IF EXISTS report_events_append_only_delete;
        DROP TRIGGER IF EXISTS audit_log_append_only_update; DROP TRIGGER IF EXISTS audit_log_append_only_delete;
        """;

    private const string ReportContentPostgres =
        "(NEW.\"ItemId\", NEW.\"RoundId\", NEW.\"AsOf\", NEW.\"Version\", NEW.\"CorrectionNote\", NEW.\"Status\", NEW.\"Narrative\", " +
        "NEW.\"ExpectedCompletion\", NEW.\"ExpectedCompletionReason\", NEW.\"SourceId\", NEW.\"SubmittedBy\", NEW.\"SubmittedByUserId\", " +
        "NEW.\"UnitId\", NEW.\"SubmittedAt\") IS DISTINCT FROM (OLD.\"ItemId\", OLD.\"RoundId\", OLD.\"AsOf\", OLD.\"Version\", " +
        "OLD.\"CorrectionNote\", OLD.\"Status\", OLD.\"Narrative\", OLD.\"ExpectedCompletion\", OLD.\"ExpectedCompletionReason\", " +
        "OLD.\"SourceId\", OLD.\"SubmittedBy\", OLD.\"SubmittedByUserId\", OLD.\"UnitId\", OLD.\"SubmittedAt\")";

    public static readonly string Postgres = $$"""
        CREATE FUNCTION minxin_reports_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD."Review" <> 'draft' THEN
              RAISE EXCEPTION 'Reports are append-only: report % was submitted and cannot be deleted', OLD."Id";
            END IF;
            RETURN OLD;
          END IF;
          IF OLD."Review" = 'approved' OR (OLD."Review" = 'submitted' AND {{ReportContentPostgres}}) THEN
            RAISE EXCEPTION 'Reports are append-only: report % is %, its content cannot change', OLD."Id", OLD."Review";
          END IF;
          RETURN NEW;
        END $f$;
        CREATE TRIGGER reports_append_only BEFORE UPDATE OR DELETE ON "Reports" FOR EACH ROW EXECUTE FUNCTION minxin_reports_append_only();

        CREATE FUNCTION minxin_report_parts_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE state text;
        BEGIN
          SELECT "Review" INTO state FROM "Reports" WHERE "Id" = OLD."ReportId";
          IF state IS NOT NULL AND state NOT IN ('draft', 'returned') THEN
            RAISE EXCEPTION 'Reports are append-only: % of report % cannot change', TG_TABLE_NAME, OLD."ReportId";
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $f$;
        CREATE TRIGGER indicator_values_append_only BEFORE UPDATE OR DELETE ON "IndicatorValues" FOR EACH ROW EXECUTE FUNCTION minxin_report_parts_append_only();
        CREATE TRIGGER site_updates_append_only BEFORE UPDATE OR DELETE ON "SiteUpdates" FOR EACH ROW EXECUTE FUNCTION minxin_report_parts_append_only();
        CREATE TRIGGER attachments_append_only BEFORE UPDATE OR DELETE ON "Attachments" FOR EACH ROW EXECUTE FUNCTION minxin_report_parts_append_only();

        CREATE FUNCTION minxin_attachment_contents_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE state text;
        BEGIN
          SELECT r."Review" INTO state FROM "Attachments" a JOIN "Reports" r ON r."Id" = a."ReportId" WHERE a."Id" = OLD."AttachmentId";
          IF state IS NOT NULL AND state NOT IN ('draft', 'returned') THEN
            RAISE EXCEPTION 'Reports are append-only: the attachments of a submitted report cannot change';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $f$;
        CREATE TRIGGER attachment_contents_append_only BEFORE UPDATE OR DELETE ON "AttachmentContents" FOR EACH ROW EXECUTE FUNCTION minxin_attachment_contents_append_only();

        CREATE FUNCTION minxin_report_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
        DECLARE state text;
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'A report''s history is append-only';
          END IF;
          SELECT "Review" INTO state FROM "Reports" WHERE "Id" = OLD."ReportId";
          IF state IS NOT NULL AND state <> 'draft' THEN
            RAISE EXCEPTION 'A report''s history is append-only';
          END IF;
          RETURN OLD;
        END $f$;
        CREATE TRIGGER report_events_append_only BEFORE UPDATE OR DELETE ON "ReportEvents" FOR EACH ROW EXECUTE FUNCTION minxin_report_events_append_only();

        CREATE FUNCTION minxin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END $f$;
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        -- TRUNCATE skips row triggers.
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON "Reports" FOR EACH STATEMENT EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER report_events_no_truncate BEFORE TRUNCATE ON "ReportEvents" FOR EACH STATEMENT EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER indicator_values_no_truncate BEFORE TRUNCATE ON "IndicatorValues" FOR EACH STATEMENT EXECUTE FUNCTION minxin_refuse_change();
        """;

    public const string DropPostgres = """
        DROP FUNCTION IF EXISTS minxin_reports_append_only() CASCADE;
        DROP FUNCTION IF EXISTS minxin_report_parts_append_only() CASCADE;
        DROP FUNCTION IF EXISTS minxin_attachment_contents_append_only() CASCADE;
        DROP FUNCTION IF EXISTS minxin_report_events_append_only() CASCADE;
        DROP FUNCTION IF EXISTS minxin_refuse_change() CASCADE;
        """;

    /// <summary>A published edition never changes and is never removed.</summary>
    public const string EditionsSqlite = """
        CREATE TRIGGER editions_frozen_update BEFORE UPDATE ON Editions
        BEGIN SELECT RAISE(ABORT, 'A published edition never changes'); END;
        CREATE TRIGGER editions_frozen_delete BEFORE DELETE ON Editions
        BEGIN SELECT RAISE(ABORT, 'A published edition never changes'); END;
        """;

    public const string EditionsPostgres = """
        CREATE TRIGGER editions_frozen BEFORE UPDATE OR DELETE ON "Editions" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER editions_no_truncate BEFORE TRUNCATE ON "Editions" FOR EACH STATEMENT EXECUTE FUNCTION minxin_refuse_change();
        """;

    /// <summary>Light-rule versions and the steps of a 督办 are kept as they were written.</summary>
    public const string OversightSqlite = """
        CREATE TRIGGER light_rules_append_only_update BEFORE UPDATE ON LightRules
        BEGIN SELECT RAISE(ABORT, 'Light-rule versions are append-only'); END;
        CREATE TRIGGER light_rules_append_only_delete BEFORE DELETE ON LightRules
        BEGIN SELECT RAISE(ABORT, 'Light-rule versions are append-only'); END;
        CREATE TRIGGER follow_up_entries_append_only_update BEFORE UPDATE ON FollowUpEntries
        BEGIN SELECT RAISE(ABORT, 'A follow-up''s history is append-only'); END;
        CREATE TRIGGER follow_up_entries_append_only_delete BEFORE DELETE ON FollowUpEntries
        BEGIN SELECT RAISE(ABORT, 'A follow-up''s history is append-only'); END;
        CREATE TRIGGER follow_up_attachments_append_only_update BEFORE UPDATE ON FollowUpAttachments
        BEGIN SELECT RAISE(ABORT, 'A follow-up''s history is append-only'); END;
        """;

    public const string OversightPostgres = """
        CREATE TRIGGER light_rules_append_only BEFORE UPDATE OR DELETE ON "LightRules" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER follow_up_entries_append_only BEFORE UPDATE OR DELETE ON "FollowUpEntries" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER follow_up_attachments_append_only BEFORE UPDATE ON "FollowUpAttachments" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        """;

    /// <summary>A message's history, each rating and each deputies' tally are kept as they were given.</summary>
    public const string CitizensSqlite = """
        CREATE TRIGGER message_entries_append_only_update BEFORE UPDATE ON MessageEntries
        BEGIN SELECT RAISE(ABORT, 'A message''s history is append-only'); END;
        CREATE TRIGGER message_entries_append_only_delete BEFORE DELETE ON MessageEntries
        BEGIN SELECT RAISE(ABORT, 'A message''s history is append-only'); END;
        CREATE TRIGGER ratings_append_only_update BEFORE UPDATE ON Ratings
        BEGIN SELECT RAISE(ABORT, 'Ratings are append-only'); END;
        CREATE TRIGGER ratings_append_only_delete BEFORE DELETE ON Ratings
        BEGIN SELECT RAISE(ABORT, 'Ratings are append-only'); END;
        CREATE TRIGGER deputy_tallies_append_only_update BEFORE UPDATE ON DeputyTallies
        BEGIN SELECT RAISE(ABORT, 'Deputies'' tallies are append-only'); END;
        CREATE TRIGGER deputy_tallies_append_only_delete BEFORE DELETE ON DeputyTallies
        BEGIN SELECT RAISE(ABORT, 'Deputies'' tallies are append-only'); END;
        """;

    public const string CitizensPostgres = """
        CREATE TRIGGER message_entries_append_only BEFORE UPDATE OR DELETE ON "MessageEntries" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER ratings_append_only BEFORE UPDATE OR DELETE ON "Ratings" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        CREATE TRIGGER deputy_tallies_append_only BEFORE UPDATE OR DELETE ON "DeputyTallies" FOR EACH ROW EXECUTE FUNCTION minxin_refuse_change();
        """;
}

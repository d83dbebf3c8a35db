using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Postgres;

/// <summary>
/// PostgreSQL's counterpart of the SQLite triggers that make evidence append-only: a row of these tables
/// can be added but never changed or removed, even by SQL typed past the portal.
/// </summary>
internal static class PostgresAppendOnly
{
    public static void CreateRefusalFunction(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE FUNCTION portal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
            END;
            $$;
            """);

    /// <summary>Refuses UPDATE, DELETE and TRUNCATE on <paramref name="table"/> with the given messages.</summary>
    public static void Protect(MigrationBuilder migrationBuilder, string table, string changedMessage, string deletedMessage)
    {
        migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION portal_refuse_change('{changedMessage}');""");
        migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION portal_refuse_change('{deletedMessage}');""");
        migrationBuilder.Sql($"""CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION portal_refuse_change('{deletedMessage}');""");
    }
}

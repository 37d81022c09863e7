namespace Minxin.Data.Postgres.Migrations;

public partial class Workspace
{
    // Item → unit names as they were stored: the lead unit column and the array of co-operating units.
    private const string NamedUnits = """
        WITH names AS (
          SELECT i."Id" AS "ItemId", p."RegionId" AS "RegionId", btrim(i."LeadUnit") AS "Name", 'lead' AS "Role", 0::bigint AS "Ordinal"
          FROM "Items" i JOIN "Categories" c ON c."Id" = i."CategoryId" JOIN "Programs" p ON p."Id" = c."ProgramId"
          WHERE i."LeadUnit" IS NOT NULL AND btrim(i."LeadUnit") <> ''
          UNION ALL
          SELECT i."Id", p."RegionId", btrim(u.name), 'cooperating', u.ordinal
          FROM "Items" i JOIN "Categories" c ON c."Id" = i."CategoryId" JOIN "Programs" p ON p."Id" = c."ProgramId",
               unnest(i."CooperatingUnits") WITH ORDINALITY AS u(name, ordinal)
          WHERE btrim(u.name) <> '')
        """;

    private const string UnitsFromNamesPostgres = NamedUnits + """

        INSERT INTO "Units" ("RegionId", "Code", "Name")
        SELECT "RegionId", 'u' || lpad((ROW_NUMBER() OVER (PARTITION BY "RegionId" ORDER BY "Name"))::text, 3, '0'), "Name"
        FROM (SELECT DISTINCT "RegionId", "Name" FROM names) d;
        """ + NamedUnits + """

        INSERT INTO "ItemUnits" ("ItemId", "UnitId", "Role", "Position")
        SELECT n."ItemId", u."Id", n."Role", ROW_NUMBER() OVER (PARTITION BY n."ItemId" ORDER BY n."Ordinal") - 1
        FROM names n JOIN "Units" u ON u."RegionId" = n."RegionId" AND u."Name" = n."Name"
        ON CONFLICT DO NOTHING;
        """;
}

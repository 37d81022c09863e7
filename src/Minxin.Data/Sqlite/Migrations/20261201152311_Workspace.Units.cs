namespace Minxin.Data.Sqlite.Migrations;

public partial class Workspace
{
    // Item → unit names as they were stored: the lead unit column and the JSON array of co-operating units.
    private const string NamedUnits = """
        WITH names AS (
          SELECT i.Id AS ItemId, p.RegionId AS RegionId, trim(i.LeadUnit) AS Name, 'lead' AS Role, -1 AS Ordinal
          FROM Items i JOIN Categories c ON c.Id = i.CategoryId JOIN Programs p ON p.Id = c.ProgramId
          WHERE i.LeadUnit IS NOT NULL AND trim(i.LeadUnit) <> ''
          UNION ALL
          SELECT i.Id, p.RegionId, trim(j.value), 'cooperating', CAST(j.key AS INTEGER)
          FROM Items i JOIN Categories c ON c.Id = i.CategoryId JOIN Programs p ON p.Id = c.ProgramId, json_each(i.CooperatingUnits) j
          WHERE trim(j.value) <> '')
        """;

    private const string UnitsFromNamesSqlite = NamedUnits + """

        INSERT INTO Units (RegionId, Code, Name)
        SELECT RegionId, 'u' || printf('%03d', ROW_NUMBER() OVER (PARTITION BY RegionId ORDER BY Name)), Name
        FROM (SELECT DISTINCT RegionId, Name FROM names);
        """ + NamedUnits + """

        INSERT OR IGNORE INTO ItemUnits (ItemId, UnitId, Role, Position)
        SELECT n.ItemId, u.Id, n.Role, ROW_NUMBER() OVER (PARTITION BY n.ItemId ORDER BY n.Ordinal) - 1
        FROM names n JOIN Units u ON u.RegionId = n.RegionId AND u.Name = n.Name;
        """;
}

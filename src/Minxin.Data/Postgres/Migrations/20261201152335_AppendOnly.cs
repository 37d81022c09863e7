using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Minxin.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The append-only rule, held by the database itself for every path (bulk statements and raw SQL included).
            // Its own migration, since SQLite rebuilds altered tables at the end of a migration, which drops triggers.
            // A later migration that rebuilds one of these tables must create them again.
            migrationBuilder.Sql(AppendOnlyTriggers.Postgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppendOnlyTriggers.DropPostgres);
        }
    }
}

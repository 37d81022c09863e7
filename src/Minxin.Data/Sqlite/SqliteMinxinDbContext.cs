using Microsoft.EntityFrameworkCore;

namespace Minxin.Data.Sqlite;

public sealed class SqliteMinxinDbContext(DbContextOptions<SqliteMinxinDbContext> options) : MinxinDbContext(options);

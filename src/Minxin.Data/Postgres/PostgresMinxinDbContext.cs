using Microsoft.EntityFrameworkCore;

namespace Minxin.Data.Postgres;

public sealed class PostgresMinxinDbContext(DbContextOptions<PostgresMinxinDbContext> options) : MinxinDbContext(options);

using Catalog.Api.Persistence;
using Microsoft.Extensions.Logging;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>What an operator reads when Marten changes the schema: a count at Information, the SQL only at Debug.</summary>
public sealed class SchemaChangeLogTests
{
    [Fact]
    public void A_schema_change_is_one_counted_line_at_information_and_its_sql_one_line_at_debug()
    {
        var logger = new ListLogger();
        const string Sql = "create table catalog.schema_log_probe (id int);\ncreate index on catalog.schema_log_probe (id);\n";

        new CatalogMartenLogger(logger).SchemaChange(Sql);

        Assert.Equal(
            [
                (LogLevel.Information, "Updated the database schema (2 lines of SQL, written at Debug level)"),
                (LogLevel.Debug, "Executed schema update SQL:\n" + Sql),
            ],
            logger.Lines);
    }

    private sealed class ListLogger : ILogger<CatalogMartenLogger>
    {
        public List<(LogLevel, string)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}

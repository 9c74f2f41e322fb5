using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// SQL Server checked without a server (none can be installed here): the migration script and every statement
/// written by hand for SQL Server must parse as T-SQL (SQL Server 2022's grammar), and the model must have no change
/// that the migration lacks. What only a server can find (permissions, plans, locking) is in docs/operations.md.
/// </summary>
public sealed class SqlServerScriptTests
{
    /// <summary>A context on SQL Server that never connects: scripts and the model need no server.</summary>
    internal static AppDbContext Context()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=127.0.0.1,1;Database=never_opened;User ID=none;Password=none;TrustServerCertificate=true",
        });
        return new AppDbContext(builder.Options, DataScope.System);
    }

    [Fact]
    public void The_model_has_no_pending_changes_against_the_SQL_Server_migrations()
    {
        using var db = Context();
        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs a migration for SQL Server too");
    }

    [Fact]
    public void Database_Provider_SqlServer_in_the_configuration_selects_SQL_Server_and_its_migrations()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:PartyCard"] = "Server=127.0.0.1,1;Database=never_opened;User ID=none;Password=none",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddPartyCardDatabase(configuration);
        using var provider = services.BuildServiceProvider();
        using var db = provider.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();

        db.Database.ProviderName.Should().Be(SqlServerSql.ProviderName);
        db.Database.RunsOnSqlServer().Should().BeTrue();
        db.GetService<IMigrationsAssembly>().Assembly.GetName().Name.Should().Be("PartyCardIntake.Migrations.SqlServer");
        db.Database.CreateExecutionStrategy().RetriesOnFailure.Should().BeTrue();
    }

    [Fact]
    public void SQL_Server_has_the_same_migrations_as_SQLite_and_PostgreSQL_by_name()
    {
        using var db = Context();
        static IEnumerable<string> Names(System.Reflection.Assembly assembly) => assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(MigrationAttribute), false).Length > 0)
            .Select(t => ((MigrationAttribute)t.GetCustomAttributes(typeof(MigrationAttribute), false)[0]).Id[15..])
            .Order(StringComparer.Ordinal);

        var sqlServer = db.Database.GetMigrations().Select(id => id[15..]).Order(StringComparer.Ordinal).ToList();

        sqlServer.Should().Contain(["Initial", "FieldKits"]);
        sqlServer.Should().Equal(Names(System.Reflection.Assembly.Load("PartyCardIntake.Migrations.Sqlite")));
        sqlServer.Should().Equal(Names(System.Reflection.Assembly.Load("PartyCardIntake.Migrations.PostgreSql")));
    }

    [Fact]
    public void The_idempotent_migration_script_parses_as_T_SQL_and_so_does_every_statement_it_runs_through_EXEC()
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tree = Parse(script, out var errors);
        errors.Should().BeEmpty(Describe(errors, script));

        // EXEC(N'…') hides its statement from the parser: parse those too (the filtered index and the audit trigger among them).
        var inner = Executed(tree);
        inner.Should().Contain(s => s.Contains("UX_Applications_ActiveMember", StringComparison.Ordinal) && s.Contains(SqlServerSql.ActiveApplicationFilter, StringComparison.Ordinal));
        inner.Should().Contain(s => s.Contains("CREATE TRIGGER [AuditEntries_no_change]", StringComparison.Ordinal));
        foreach (var statement in inner)
        {
            Parse(statement, out var innerErrors);
            innerErrors.Should().BeEmpty(Describe(innerErrors, statement));
        }
    }

    /// <summary>deploy/sqlserver/schema.sql is what an operator runs first; it must be the migrations' own script.</summary>
    [Fact]
    public void The_shipped_schema_script_is_the_idempotent_migration_script()
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var shipped = File.ReadAllText(Path.Combine(DeployFolder(), "sqlserver", "schema.sql"));
        Normalize(shipped).Should().Be(Normalize(script), "after a migration, regenerate deploy/sqlserver/schema.sql (docs/operations.md, SQL Server)");
    }

    public static TheoryData<string> DeployScripts() =>
        new(Directory.GetFiles(Path.Combine(DeployFolder(), "sqlserver"), "*.sql").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(DeployScripts))]
    public void Every_script_in_deploy_sqlserver_parses_as_T_SQL(string file)
    {
        var sql = File.ReadAllText(Path.Combine(DeployFolder(), "sqlserver", file));
        Parse(sql, out var errors);
        errors.Should().BeEmpty(Describe(errors, sql));
    }

    [Fact]
    public void The_create_script_parses_as_T_SQL()
    {
        using var db = Context();
        var script = db.Database.GenerateCreateScript();
        Parse(script, out var errors);
        errors.Should().BeEmpty(Describe(errors, script));
    }

    public static TheoryData<string> HandWritten()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(SqlServerSql).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        {
            if (field.Name != nameof(SqlServerSql.ProviderName))
            {
                data.Add(field.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Every_statement_written_by_hand_for_SQL_Server_parses_as_T_SQL(string name)
    {
        var sql = (string)typeof(SqlServerSql).GetField(name)!.GetRawConstantValue()!;
        IList<ParseError> errors;
        if (name.EndsWith("Filter", StringComparison.Ordinal))
        {
            using var reader = new StringReader(sql);
            Parser().ParseBooleanExpression(reader, out errors);
        }
        else
        {
            // ExecuteSqlRaw's {0}, {1}… become parameters @p0, @p1… before SQL Server sees them.
            Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Enumerable.Range(0, 10).Select(i => (object)$"@p{i}").ToArray()), out errors);
        }

        errors.Should().BeEmpty(Describe(errors, sql));
    }

    [Fact]
    public void The_statement_in_its_own_batch_parses_and_keeps_its_quotes()
    {
        var wrapped = SqlServerSql.InOwnBatch("SELECT N'it''s' AS [x];");
        var tree = Parse(wrapped, out var errors);
        errors.Should().BeEmpty();
        Executed(tree).Should().Equal("SELECT N'it''s' AS [x];");
    }

    [Theory]
    [InlineData("CREATE TRIGGER [t] ON [AuditEntries] INSTEAD OF UPDATE AS BEGIN THROW 50001, N'x', 1 END END")]
    [InlineData("MERGE [ApplicationDayCounts] AS [t] USING (VALUES (1)) AS [s] ([CommuneId]) ON WHEN MATCHED THEN DELETE;")]
    [InlineData("INSERT INTO [Applications] ([Id]) VALUES (1) ON CONFLICT DO NOTHING;")]
    public void A_broken_statement_gives_a_parse_error(string sql)
    {
        Parse(sql, out var errors);
        errors.Should().NotBeEmpty("the check must be able to fail");
    }

    [Fact]
    public void A_broken_filter_gives_a_parse_error()
    {
        using var reader = new StringReader("[State] <> ");
        Parser().ParseBooleanExpression(reader, out var errors);
        errors.Should().NotBeEmpty();
    }

    /// <summary>
    /// SQL Server refuses a foreign key that opens a second cascading path to a table (error 1785), which neither
    /// SQLite nor PostgreSQL mind; the migration would fail on its first run.
    /// </summary>
    [Fact]
    public void No_table_is_reached_by_two_cascading_delete_paths()
    {
        using var db = Context();
        var cascading = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull)
            .Select(fk => (Principal: fk.PrincipalEntityType.GetTableName()!, Dependent: fk.DeclaringEntityType.GetTableName()!))
            .Where(e => e.Principal is not null && e.Dependent is not null)
            .ToList();
        foreach (var start in cascading.Select(e => e.Principal).Distinct())
        {
            var reached = new Dictionary<string, int>();
            void Walk(string table, int depth)
            {
                depth.Should().BeLessThan(50, "a cascade cycle starts at " + start);
                foreach (var (_, dependent) in cascading.Where(e => e.Principal == table))
                {
                    reached[dependent] = reached.GetValueOrDefault(dependent) + 1;
                    Walk(dependent, depth + 1);
                }
            }

            Walk(start, 0);
            reached.Where(r => r.Value > 1).Should().BeEmpty($"deleting from {start} must reach each table by one path only");
        }
    }

    private static string DeployFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var deploy = Path.Combine(folder.FullName, "deploy", "sqlserver");
            if (Directory.Exists(deploy))
            {
                return Path.Combine(folder.FullName, "deploy");
            }
        }

        throw new DirectoryNotFoundException("deploy/sqlserver not found above " + AppContext.BaseDirectory);
    }

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Trim();

    internal static TSql160Parser Parser() => new(initialQuotedIdentifiers: true);

    internal static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        using var reader = new StringReader(sql);
        return Parser().Parse(reader, out errors);
    }

    private static List<string> Executed(TSqlFragment tree)
    {
        var visitor = new ExecVisitor();
        tree.Accept(visitor);
        return visitor.Statements;
    }

    private static string Describe(IList<ParseError> errors, string sql) =>
        string.Join(Environment.NewLine, errors.Take(5).Select(e => $"line {e.Line}, column {e.Column}: {e.Message} near «{Near(sql, e.Offset)}»"));

    private static string Near(string sql, int offset) => sql.Substring(Math.Max(0, offset - 40), Math.Min(80, sql.Length - Math.Max(0, offset - 40)));

    private sealed class ExecVisitor : TSqlFragmentVisitor
    {
        public List<string> Statements { get; } = [];

        public override void Visit(ExecutableStringList node)
        {
            Statements.Add(string.Concat(node.Strings.OfType<StringLiteral>().Select(s => s.Value)));
            base.Visit(node);
        }
    }
}

using System.Reflection;
using PartyCardIntake.Tests.Shared;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("PartyCardIntake.IntegrationTests.SkipWithoutSqlServer", "PartyCardIntake.IntegrationTests")]

namespace PartyCardIntake.IntegrationTests;

/// <summary>
/// xunit's own framework, except that a test that failed only because no SQL Server is configured
/// (<see cref="SqlServerNotConfiguredException"/>, thrown by <see cref="TestDatabase.Create"/> from the test's class,
/// its fixture or its collection's fixture) is reported as skipped. The SQL Server variants of the tests are plain
/// subclasses (<c>OnSqlServer</c>) beside <c>OnSqlite</c> and <c>OnPostgreSql</c>, with no attribute of their own.
/// </summary>
public sealed class SkipWithoutSqlServer(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new Sink(executionMessageSink), executionOptions);
    }

    private sealed class Sink(IMessageSink inner) : LongLivedMarshalByRefObject, IMessageSink
    {
        private static readonly string Skipping = typeof(SqlServerNotConfiguredException).FullName!;

        public bool OnMessage(IMessageSinkMessage message) =>
            inner.OnMessage(message is ITestFailed failed && failed.ExceptionTypes.Contains(Skipping)
                ? new TestSkipped(failed.Test, failed.Messages.FirstOrDefault(m => m is not null) ?? Skipping)
                : message);
    }
}

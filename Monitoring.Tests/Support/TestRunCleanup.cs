using Monitoring.Tests.Support;

// Deliberately in the global namespace: NUnit runs a namespace-less SetUpFixture once around the whole assembly.
[SetUpFixture]
public sealed class TestRunCleanup
{
    [OneTimeTearDown]
    public void StopSharedServers() => PostgresServer.StopShared();
}

using Xunit.Sdk;

namespace RepairGate.Xunit;

/// <summary>A failed network assertion; the message carries the evidence (counterexample, accuracy, verdict).</summary>
public sealed class NetworkAssertException(string message) : XunitException(message);

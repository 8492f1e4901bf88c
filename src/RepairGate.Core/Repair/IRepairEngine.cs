namespace RepairGate.Core.Repair;

/// <summary>One way of changing weights so that the edit points become safe; engines are swappable and comparable.</summary>
public interface IRepairEngine
{
    /// <summary>The name used by <c>--engine</c> and in reports.</summary>
    string Name { get; }

    /// <summary>Attempts one repair. Never modifies <see cref="RepairProblem.Network"/>.</summary>
    Task<RepairAttempt> RepairAsync(RepairProblem problem, CancellationToken cancellationToken);
}

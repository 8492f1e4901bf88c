namespace RepairGate.Core.Metrics;

/// <summary>
/// How a classifier does on a repair problem: accuracy on the test set, and constraint accuracy on the edit items it was
/// repaired on (efficacy) and on held-out items of the same kind (generalisation).
/// </summary>
/// <param name="TestAccuracy">Accuracy on the test rows (not in the edit set), by OnnxRuntime in float32.</param>
/// <param name="Drawdown">Original test accuracy minus this one (0 for the original; negative is an improvement).</param>
/// <param name="Efficacy">Share of repair-split edit items satisfied: points classified right, regions proven.</param>
/// <param name="Generalisation">Share of held-out edit items satisfied.</param>
/// <param name="Confusion">Confusion matrix on the test rows.</param>
public sealed record ClassifierScores(double TestAccuracy, double Drawdown, double Efficacy, double Generalisation, ConfusionMatrix Confusion);

using AcasXuGate;

// The advisory service: loads the gated network (verified, and repaired where needed, by the build) and prints the
// advisory for a few encounters. Usage: AcasXuGate [model.onnx]
var modelPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "acas_2_9.repaired.onnx");
if (!File.Exists(modelPath))
{
    Console.Error.WriteLine($"error: {modelPath} not found; build the project first (the build gates and copies the model)");
    return 2;
}

using var advisor = new CollisionAdvisor(modelPath);
foreach (var encounter in Encounter.Samples)
    Console.WriteLine($"{encounter.Name}: {advisor.Advise(encounter)}");
return 0;

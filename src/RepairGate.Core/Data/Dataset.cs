using RepairGate.Core.EditSets;

namespace RepairGate.Core.Data;

/// <summary>Loaded labelled data with the image shape when the file knows it (IDX: [count, rows, columns] → 1×rows×columns).</summary>
public sealed record Dataset(LabelledData Data, ImageShape? Shape);

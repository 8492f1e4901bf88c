using System.CommandLine;
using RepairGate.Core;
using RepairGate.Core.Data;
using RepairGate.Core.Onnx;
using RepairGate.Core.Torch;

namespace RepairGate.Cli.Commands;

/// <summary><c>repairgate train --data DIR [--arch mlp|cnn] --hidden 50,50 --epochs N --out M.onnx</c>: trains an image classifier.</summary>
internal static class TrainCommand
{
    public static Command Create(OutputStreams streams)
    {
        var data = new Option<DirectoryInfo>("--data", "-d") { Description = "Folder with train-/t10k- images and labels in IDX format (e.g. /usr/share/datasets/fashion-mnist)", Required = true };
        var arch = new Option<string>("--arch") { Description = "mlp (fully connected) or cnn (3x3 stride-2 convolutions, then fully connected)", DefaultValueFactory = _ => "mlp" };
        var hidden = new Option<string?>("--hidden") { Description = "Fully connected hidden ReLU layer widths, comma-separated (default 50,50 for mlp, 100 for cnn)" };
        var channels = new Option<string>("--channels") { Description = "cnn: output channels of the convolutions, comma-separated", DefaultValueFactory = _ => "8,16" };
        var epochs = new Option<int>("--epochs", "-e") { Description = "Training epochs", DefaultValueFactory = _ => 10 };
        var limit = new Option<int?>("--train-count") { Description = "Use only the first N training images" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The ONNX model to write", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation and shuffling", DefaultValueFactory = _ => new TrainingOptions().Seed };

        var command = new Command("train", "Train a ReLU classifier (MLP or small CNN; inputs scaled to [0, 1]) and write it as ONNX; prints its test accuracy.")
        {
            data, arch, hidden, channels, epochs, limit, output, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var folder = parse.GetValue(data)!.FullName;
            var architecture = parse.GetValue(arch)!.ToLowerInvariant() switch
            {
                "mlp" => ClassifierArchitecture.Mlp,
                "cnn" => ClassifierArchitecture.Cnn,
                var other => throw new BadInputException($"--arch: '{other}' is not mlp or cnn"),
            };
            var widths = ParseWidths("--hidden", parse.GetValue(hidden) ?? (architecture == ClassifierArchitecture.Cnn ? "100" : "50,50"));
            var convChannels = ParseWidths("--channels", parse.GetValue(channels)!);
            var epochCount = parse.GetValue(epochs);
            if (epochCount <= 0) throw new BadInputException("--epochs must be positive");
            var outPath = parse.GetValue(output)!.FullName;
            if (!outPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) throw new BadInputException("--out must name an .onnx file", outPath);

            var train = await LabelledImages.LoadAsync(folder, "train", cancellationToken);
            var test = await LabelledImages.LoadAsync(folder, "t10k", cancellationToken);
            if (parse.GetValue(limit) is { } count)
            {
                if (count <= 0) throw new BadInputException("--train-count must be positive");
                train = train.Take(count);
            }
            if (test.PixelCount != train.PixelCount) throw new BadInputException($"test images have {test.PixelCount} pixels but training images {train.PixelCount}", folder);
            var classes = Math.Max(train.Labels.Values.Max(), test.Labels.Values.Max()) + 1;
            var options = new TrainingOptions { Architecture = architecture, Hidden = widths, Channels = convChannels, Epochs = epochCount, Seed = parse.GetValue(seed) };
            var network = await Task.Run(() => ClassifierTrainer.Train(train, classes, options, outPath,
                (epoch, loss) => streams.Error.WriteLine($"epoch {epoch}/{epochCount}: mean loss {loss:0.0000}"), cancellationToken), cancellationToken);
            await AtomicFile.WriteAllBytesAsync(outPath, OnnxNetworkExporter.ToBytes(network), cancellationToken: cancellationToken);

            var accuracy = ClassifierTrainer.Accuracy(network, test);
            streams.Output.WriteLine($"test accuracy {accuracy:P2} ({test.Count} images)");
            streams.Output.WriteLine($"wrote {outPath}: {ClassifierTrainer.Describe(options, train.PixelCount, classes)}, {epochCount} epochs on {train.Count} images, seed {options.Seed}");
            return ExitCodes.Holds;
        }));
        return command;
    }

    private static int[] ParseWidths(string option, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var widths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.CultureInfo.InvariantCulture, out widths[i]) || widths[i] <= 0)
                throw new BadInputException($"{option}: '{parts[i]}' is not a positive layer width");
        return widths.Length > 0 ? widths : throw new BadInputException($"{option} needs at least one width");
    }
}

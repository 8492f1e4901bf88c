using System.CommandLine;
using System.Globalization;
using RepairGate.Core;
using RepairGate.Core.Data;
using RepairGate.Core.Specs;

namespace RepairGate.Cli.Commands;

/// <summary>
/// <c>repairgate robustness-spec --images I --labels L --index 0,3 --eps 0.01,0.02 --out DIR</c>: writes one
/// local-robustness VNNLIB property per image and radius, named <c>img{index}_eps{eps}.vnnlib</c>.
/// </summary>
internal static class RobustnessSpecCommand
{
    public static Command Create(OutputStreams streams)
    {
        var images = new Option<FileInfo>("--images") { Description = "IDX image file (gzip or plain); pixels are scaled from 0..255 to [0, 1]", Required = true };
        var labels = new Option<FileInfo>("--labels") { Description = "IDX label file matching --images", Required = true };
        var indices = new Option<string>("--index") { Description = "Image indices, comma-separated", DefaultValueFactory = _ => "0" };
        var radii = new Option<string>("--eps") { Description = "L-infinity radii, comma-separated", DefaultValueFactory = _ => "0.01" };
        var classes = new Option<int>("--classes") { Description = "Number of classes (network outputs)", DefaultValueFactory = _ => 10 };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the VNNLIB files", Required = true };

        var command = new Command("robustness-spec", "Write local-robustness properties (L-infinity ball around an image) as VNNLIB.")
        {
            images, labels, indices, radii, classes, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, streams, async () =>
        {
            var imagePath = parse.GetValue(images)!.FullName;
            var labelPath = parse.GetValue(labels)!.FullName;
            var pictures = await IdxFile.LoadAsync(imagePath, cancellationToken);
            var answers = await IdxFile.LoadAsync(labelPath, cancellationToken);
            if (answers.Count != pictures.Count) throw new BadInputException($"{answers.Count} labels for {pictures.Count} images", labelPath);
            var classCount = parse.GetValue(classes);
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            foreach (var index in Numbers(parse.GetValue(indices)!, "--index", int.Parse))
            {
                if (index < 0 || index >= pictures.Count) throw new BadInputException($"--index {index} is outside the {pictures.Count} images", imagePath);
                var label = answers.Values[index];
                if (label >= classCount) throw new BadInputException($"image {index} has label {label}, not one of {classCount} classes", labelPath);
                foreach (var eps in Numbers(parse.GetValue(radii)!, "--eps", double.Parse))
                {
                    if (!(eps >= 0 && eps <= 1)) throw new BadInputException($"--eps {eps} must lie in [0, 1]");
                    var text = RobustnessProperty.ToVnnLib(pictures.Scaled(index), label, classCount, eps,
                        $"local robustness of image {index} (label {label}) of {Path.GetFileName(imagePath)}");
                    var path = Path.Combine(folder, $"img{index}_eps{RobustnessProperty.Format(eps)}.vnnlib");
                    await AtomicFile.WriteAllTextAsync(path, text, [imagePath, labelPath], cancellationToken);
                    streams.Output.WriteLine(path);
                }
            }
            return ExitCodes.Holds;
        }));
        return command;
    }

    private static IEnumerable<T> Numbers<T>(string text, string option, Func<string, IFormatProvider, T> parse)
    {
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            T value;
            try
            {
                value = parse(part, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new BadInputException($"{option}: '{part}' is not a number");
            }
            yield return value;
        }
    }
}

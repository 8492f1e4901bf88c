using FashionMnistRepair;

// The classifier service: loads the repaired model (the build repairs and copies it) and classifies the bundled test
// images. Usage: FashionMnistRepair [model.onnx]
var modelPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "fmnist.repaired.onnx");
if (!File.Exists(modelPath))
{
    Console.Error.WriteLine($"error: {modelPath} not found; build the project first (the build repairs and copies the model)");
    return 2;
}

var images = TestImages.Load(Path.Combine(AppContext.BaseDirectory, "t10k-first1000-images-idx3-ubyte.gz"),
    Path.Combine(AppContext.BaseDirectory, "t10k-first1000-labels-idx1-ubyte.gz"));
using var classifier = new ClothingClassifier(modelPath);
var right = 0;
for (var i = 0; i < images.Count; i++)
    if (classifier.Classify(images.Pixels[i]) == images.Labels[i]) right++;
Console.WriteLine($"{Path.GetFileName(modelPath)}: {right} of {images.Count} test images classified right");
for (var i = 0; i < 5; i++)
    Console.WriteLine($"image {i}: {ClothingClassifier.Names[classifier.Classify(images.Pixels[i])]} (label {ClothingClassifier.Names[images.Labels[i]]})");
return 0;

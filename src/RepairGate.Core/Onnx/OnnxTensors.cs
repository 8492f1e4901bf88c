using System.Buffers.Binary;
using Google.Protobuf;
using RepairGate.Core.Onnx.Proto;

namespace RepairGate.Core.Onnx;

/// <summary>Reads and writes the numeric payload of ONNX tensors in the layouts the format allows.</summary>
internal static class OnnxTensors
{
    public static int[] Dims(TensorProto tensor) => tensor.Dims.Select(d => checked((int)d)).ToArray();

    public static string TypeName(int dataType) => Enum.IsDefined(typeof(TensorProto.Types.DataType), dataType)
        ? ((TensorProto.Types.DataType)dataType).ToString() : dataType.ToString();

    /// <summary>The tensor's values as float64; throws for types a network parameter cannot have.</summary>
    public static double[] ReadValues(TensorProto tensor, string file)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new BadInputException($"tensor '{tensor.Name}' keeps its data in an external file, which is not supported; save the model with the weights embedded", file);
        var count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        var raw = tensor.HasRawData ? tensor.RawData.Span : ReadOnlySpan<byte>.Empty;
        var type = (TensorProto.Types.DataType)tensor.DataType;
        double[] values = type switch
        {
            TensorProto.Types.DataType.Float => tensor.HasRawData ? Decode(raw, 4, b => BinaryPrimitives.ReadSingleLittleEndian(b)) : tensor.FloatData.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Double => tensor.HasRawData ? Decode(raw, 8, BinaryPrimitives.ReadDoubleLittleEndian) : tensor.DoubleData.ToArray(),
            TensorProto.Types.DataType.Float16 => tensor.HasRawData ? Decode(raw, 2, b => (double)BinaryPrimitives.ReadHalfLittleEndian(b)) : tensor.Int32Data.Select(v => (double)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(),
            TensorProto.Types.DataType.Int64 => tensor.HasRawData ? Decode(raw, 8, b => BinaryPrimitives.ReadInt64LittleEndian(b)) : tensor.Int64Data.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Int32 => tensor.HasRawData ? Decode(raw, 4, b => BinaryPrimitives.ReadInt32LittleEndian(b)) : tensor.Int32Data.Select(v => (double)v).ToArray(),
            _ => throw new BadInputException($"tensor '{tensor.Name}' has data type {TypeName(tensor.DataType)}, which is not supported for network constants", file),
        };
        if (values.Length != count)
            throw new BadInputException($"tensor '{tensor.Name}' declares {count} values but holds {values.Length}", file);
        return values;
    }

    /// <summary>Replaces the tensor's payload with <paramref name="values"/> in its own data type and layout.</summary>
    public static void WriteValues(TensorProto tensor, double[] values)
    {
        var type = (TensorProto.Types.DataType)tensor.DataType;
        if (tensor.HasRawData)
        {
            var size = type switch { TensorProto.Types.DataType.Float => 4, TensorProto.Types.DataType.Double => 8, TensorProto.Types.DataType.Float16 => 2, _ => 0 };
            if (size == 0) throw new InvalidOperationException($"cannot write values of type {type} to tensor '{tensor.Name}'");
            var bytes = new byte[values.Length * size];
            for (var i = 0; i < values.Length; i++)
            {
                var slot = bytes.AsSpan(i * size, size);
                switch (type)
                {
                    case TensorProto.Types.DataType.Float: BinaryPrimitives.WriteSingleLittleEndian(slot, (float)values[i]); break;
                    case TensorProto.Types.DataType.Double: BinaryPrimitives.WriteDoubleLittleEndian(slot, values[i]); break;
                    default: BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)values[i]); break;
                }
            }
            tensor.RawData = ByteString.CopyFrom(bytes);
            return;
        }
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                tensor.FloatData.Clear();
                tensor.FloatData.AddRange(values.Select(v => (float)v));
                break;
            case TensorProto.Types.DataType.Double:
                tensor.DoubleData.Clear();
                tensor.DoubleData.AddRange(values);
                break;
            default:
                throw new InvalidOperationException($"cannot write values of type {type} to tensor '{tensor.Name}'");
        }
    }

    private static double[] Decode(ReadOnlySpan<byte> raw, int size, Func<ReadOnlySpan<byte>, double> read)
    {
        var values = new double[raw.Length / size];
        for (var i = 0; i < values.Length; i++) values[i] = read(raw.Slice(i * size, size));
        return values;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace RepairGate.Core.Torch;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak (VER_FLG_WEAK),
/// so the dynamic loader no longer refuses the library when the system lacks that version.
/// Used for TorchSharp's libLibTorchSharp.so, which asks for GLIBCXX_3.4.32 but never binds a symbol of it.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>Outcome of <see cref="MarkVersionWeak"/>.</summary>
    public enum Result { Patched, AlreadyWeak, VersionNotRequired, NotElf64 }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="versionName"/> in the image.</summary>
    public static Result MarkVersionWeak(byte[] image, string versionName)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 /* ELFCLASS64 */ || image[5] != 1 /* little endian */)
            return Result.NotElf64;

        var span = image.AsSpan();
        ulong sectionTableOffset = BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int sectionEntrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);

        var found = false;
        var patched = false;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = span[checked((int)sectionTableOffset + i * sectionEntrySize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed) continue;

            var offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]));
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            var stringHeader = span[checked((int)sectionTableOffset + link * sectionEntrySize)..];
            var stringTable = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(stringHeader[0x18..]));

            var need = offset;
            while (true)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                for (var a = 0; a < auxCount; a++)
                {
                    var nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                    if (ReadCString(span, stringTable + nameOffset) == versionName)
                    {
                        found = true;
                        var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(span[(aux + 4)..], (ushort)(flags | VerFlagWeak));
                            patched = true;
                        }
                    }
                    var nextAux = BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                    if (nextAux == 0) break;
                    aux += (int)nextAux;
                }
                var next = BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
                if (next == 0) break;
                need += (int)next;
            }
        }
        return patched ? Result.Patched : found ? Result.AlreadyWeak : Result.VersionNotRequired;
    }

    private static string ReadCString(ReadOnlySpan<byte> span, int start)
    {
        var end = span[start..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(span.Slice(start, end < 0 ? span.Length - start : end));
    }
}

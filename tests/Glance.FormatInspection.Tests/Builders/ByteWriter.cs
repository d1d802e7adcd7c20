using System.Buffers.Binary;
using System.Text;

namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A zero-filled byte array with fluent writers for header fields.</summary>
internal sealed class ByteWriter(int length)
{
    public byte[] Bytes { get; } = new byte[length];

    public ByteWriter Byte(int offset, byte value)
    {
        Bytes[offset] = value;
        return this;
    }

    public ByteWriter Raw(int offset, ReadOnlySpan<byte> value)
    {
        value.CopyTo(Bytes.AsSpan(offset));
        return this;
    }

    public ByteWriter Ascii(int offset, string text) => Raw(offset, Encoding.ASCII.GetBytes(text));

    public ByteWriter Guid(int offset, Guid value)
    {
        value.TryWriteBytes(Bytes.AsSpan(offset, 16));
        return this;
    }

    public ByteWriter UInt16LittleEndian(int offset, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan(offset), value);
        return this;
    }

    public ByteWriter UInt16BigEndian(int offset, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Bytes.AsSpan(offset), value);
        return this;
    }

    public ByteWriter UInt32LittleEndian(int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(offset), value);
        return this;
    }

    public ByteWriter UInt32BigEndian(int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Bytes.AsSpan(offset), value);
        return this;
    }

    public ByteWriter UInt64LittleEndian(int offset, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(offset), value);
        return this;
    }

    public ByteWriter UInt64BigEndian(int offset, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Bytes.AsSpan(offset), value);
        return this;
    }
}

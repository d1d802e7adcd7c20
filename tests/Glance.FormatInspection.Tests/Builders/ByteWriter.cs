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

    public ByteWriter UInt16LittleEndian(int offset, ushort value) => Field(offset, value, BinaryPrimitives.WriteUInt16LittleEndian);

    public ByteWriter UInt16BigEndian(int offset, ushort value) => Field(offset, value, BinaryPrimitives.WriteUInt16BigEndian);

    public ByteWriter UInt32LittleEndian(int offset, uint value) => Field(offset, value, BinaryPrimitives.WriteUInt32LittleEndian);

    public ByteWriter UInt32BigEndian(int offset, uint value) => Field(offset, value, BinaryPrimitives.WriteUInt32BigEndian);

    public ByteWriter UInt64LittleEndian(int offset, ulong value) => Field(offset, value, BinaryPrimitives.WriteUInt64LittleEndian);

    public ByteWriter UInt64BigEndian(int offset, ulong value) => Field(offset, value, BinaryPrimitives.WriteUInt64BigEndian);

    private delegate void FieldWriter<T>(Span<byte> destination, T value);

    private ByteWriter Field<T>(int offset, T value, FieldWriter<T> write)
    {
        write(Bytes.AsSpan(offset), value);
        return this;
    }
}

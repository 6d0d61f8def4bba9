using System.Buffers.Binary;
using Firmware.Persistence;
using Microsoft.Data.Sqlite;

namespace Firmware.Upstream.Queue;

public sealed partial class UpstreamQueue
{
    private static byte[]? ReadSetting(DurableSqlite db, SqliteTransaction? tx, string name)
    {
        using var cmd = db.Command(tx, "SELECT value FROM settings WHERE name = $name", ("$name", name));
        return cmd.ExecuteScalar() as byte[];
    }

    private static void WriteSetting(DurableSqlite db, SqliteTransaction tx, string name, byte[] value) =>
        db.Execute(tx, "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = $value",
            ("$name", name), ("$value", value));

    private static byte[] U64(ulong value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        return b;
    }

    private static byte[] I64(long value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return b;
    }
}

using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Firmware.Upstream.Queue;

public sealed partial class UpstreamQueue
{
    private T Run<T>(Func<T> action)
    {
        lock (_lock)
        {
            try
            {
                return action();
            }
            catch (SqliteException e)
            {
                throw new UpstreamQueueException("The upstream queue failed: " + e.Message, e);
            }
        }
    }

    private void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters) => Command(_connection, tx, sql, parameters);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(connection, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private long Scalar(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Add(SqliteTransaction tx, string name, long delta)
    {
        if (delta != 0)
        {
            Execute(_connection, tx, "INSERT INTO counters (name, value) VALUES ($name, $delta) ON CONFLICT (name) DO UPDATE SET value = value + $delta",
                ("$name", name), ("$delta", delta));
        }
    }

    private static byte[]? ReadSetting(SqliteConnection connection, SqliteTransaction? tx, string name)
    {
        using var cmd = Command(connection, tx, "SELECT value FROM settings WHERE name = $name", ("$name", name));
        return cmd.ExecuteScalar() as byte[];
    }

    private static void WriteSetting(SqliteConnection connection, SqliteTransaction tx, string name, byte[] value) =>
        Execute(connection, tx, "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = $value",
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

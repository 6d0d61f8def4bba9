using Microsoft.Data.Sqlite;

namespace Pki.Store;

/// <summary>One write transaction of <see cref="PkiStore"/>: disposed without <see cref="Commit"/>, it rolls back.</summary>
public sealed partial class PkiTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Lock _gate;
    private bool _done;

    internal PkiTransaction(PkiStore store, SqliteConnection connection, SqliteTransaction transaction, Lock gate)
    {
        Store = store;
        _connection = connection;
        _transaction = transaction;
        _gate = gate;
    }

    public PkiStore Store { get; }

    public void Commit()
    {
        _transaction.Commit();
        _done = true;
    }

    internal int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    internal long Insert(string sql, params (string Name, object? Value)[] parameters)
    {
        Execute(sql, parameters);
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT last_insert_rowid()";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            if (!_done)
            {
                _transaction.Rollback();
            }

            _transaction.Dispose();
        }
        finally
        {
            Store.EndTransaction();
            _gate.Exit();
        }
    }
}

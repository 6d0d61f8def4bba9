using Community.Storage;

namespace Community.Tests.Infrastructure;

/// <summary>Makes a fresh, empty store for one test and removes it afterwards.</summary>
public interface IStoreProvider : IAsyncDisposable
{
    /// <summary>Backend name for messages.</summary>
    string Name { get; }

    /// <summary>A new store (not yet initialised).</summary>
    IHubStore Create();
}

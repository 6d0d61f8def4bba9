using Hardware.Security;
using Hardware.Storage;
using Microsoft.Extensions.Time.Testing;
using Testing;
using Testing.Linux;

namespace Hardware.Tests.Security;

/// <summary>
/// The PKCS#11 token as the tamper sensor of a Linux OBU (SoftHSM2 standing in for the HSM): a token created
/// for the test and opened by a key store is checked; deleting it (softhsm2-util --delete-token, as pulling
/// the HSM would) is a tamper event, latched, reported once. SoftHSM2 reads its token directory when the
/// module is loaded, so these rows run alone (no other key store keeps the module loaded) and create their
/// token first.
/// </summary>
[Collection(Pkcs11ModuleCollection.Name)]
public sealed class Pkcs11TamperSensorTests : IDisposable
{
    private readonly string _label = "lxtok" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _dir = TestInfra.NewTempDirectory("hw-tamper");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public Pkcs11TamperSensorTests()
    {
        _ = TestInfra.Pkcs11Library;
        Command.Must("softhsm2-util", "--init-token", "--free", "--label", _label, "--so-pin", "87654321", "--pin", "2468");
    }

    public void Dispose()
    {
        _ = Command.Run("softhsm2-util", ["--delete-token", "--token", _label]);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_present_token_that_accepts_the_login_is_no_tamper()
    {
        using var store = Open();
        var sensor = new Pkcs11TamperSensor(store, new FileDurableStore(_dir), _time);

        Assert.Null(store.CheckToken());
        Assert.False(sensor.IsLatched);
        Assert.Empty(sensor.ReadSince(0));
    }

    [Fact]
    public void A_token_removed_while_the_partition_runs_is_a_latched_tamper_event_reported_once()
    {
        using var store = Open();
        var sensor = new Pkcs11TamperSensor(store, new FileDurableStore(_dir), _time);
        Assert.False(sensor.IsLatched);

        Command.Must("softhsm2-util", "--delete-token", "--token", _label);
        _time.Advance(TimeSpan.FromSeconds(2));

        var e = Assert.Single(sensor.ReadSince(0));
        Assert.StartsWith($"pkcs11: the token '{_label}'", e.Source, StringComparison.Ordinal);
        Assert.True(sensor.IsLatched);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(sensor.ReadSince(0));
        Assert.Empty(sensor.ReadSince(e.Sequence));
    }

    [Fact]
    public void Sequences_continue_across_restarts_so_a_persisted_cursor_never_hides_a_new_event()
    {
        using var store = Open();
        var records = new FileDurableStore(_dir);
        var first = new Pkcs11TamperSensor(store, records, _time);
        var second = new Pkcs11TamperSensor(store, records, _time);
        Command.Must("softhsm2-util", "--delete-token", "--token", _label);
        _time.Advance(TimeSpan.FromSeconds(2));

        var before = Assert.Single(first.ReadSince(0)).Sequence;
        Assert.True(Assert.Single(second.ReadSince(before)).Sequence > before);
    }

    private Pkcs11KeyStore Open() => new(new Pkcs11KeyStoreOptions { ModulePath = TestInfra.Pkcs11Library, TokenLabel = _label, UserPin = "2468" });
}

/// <summary>Tests that need the PKCS#11 module loaded fresh (after every other key store is closed): they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Pkcs11ModuleCollection
{
    public const string Name = "pkcs11 module reload";
}

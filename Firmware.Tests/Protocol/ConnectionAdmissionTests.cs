using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Hardware.Linux;

namespace Firmware.Tests.Protocol;

/// <summary>Who the partition's socket serves and how many connections each may hold, by SO_PEERCRED credentials (one row per rule).</summary>
public sealed class ConnectionAdmissionTests
{
    private const int Partition = 900;
    private const int App = 1000;
    private const int Other = 1001;
    private const int Outsider = 1002;
    private const int ObuGroup = 950;

    private static readonly UnixSocketServerOptions Field = new()
    {
        MaxConnections = 10,
        ReservedForApplication = 3,
        MaxConnectionsPerProcess = 4,
        MaxConnectionsPerUser = 6,
        ApplicationUids = new HashSet<int> { App },
        AllowedUids = new HashSet<int> { Other },
        AllowedGids = new HashSet<int> { ObuGroup },
    };

    public static TheoryData<string, UnixSocketServerOptions, PeerCredentials, PartitionError?> Single => new()
    {
        { "owner only: the partition's own user", new UnixSocketServerOptions(), new PeerCredentials(1, Partition, Partition), null },
        { "owner only: anyone else", new UnixSocketServerOptions(), new PeerCredentials(1, App, App), PartitionError.PeerNotAllowed },
        { "the application's uid", Field, new PeerCredentials(1, App, App), null },
        { "an allowed uid", Field, new PeerCredentials(1, Other, Other), null },
        { "an allowed gid", Field, new PeerCredentials(1, Outsider, ObuGroup), null },
        { "neither", Field, new PeerCredentials(1, Outsider, Outsider), PartitionError.PeerNotAllowed },
        { "root is not special", Field, new PeerCredentials(1, 0, 0), PartitionError.PeerNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Single))]
    public void Peers_are_admitted_by_their_credentials(string name, UnixSocketServerOptions options, PeerCredentials peer, PartitionError? refused)
    {
        var admission = new ConnectionAdmission(options, Partition);

        Assert.True(refused == admission.TryAdmit(peer)?.Error, name);
    }

    [Fact]
    public void A_process_and_a_user_get_their_share_and_the_last_slots_are_the_applications()
    {
        var admission = new ConnectionAdmission(Field, Partition);
        var hostile = new PeerCredentials(7, Other, Other);
        var second = new PeerCredentials(8, Other, Other);

        Assert.Equal(4, Enumerable.Range(0, 10).Count(_ => admission.TryAdmit(hostile) is null));
        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => admission.TryAdmit(second) is null));
        Assert.Contains("uid 1001", admission.TryAdmit(new PeerCredentials(9, Other, Other))!.Value.Reason, StringComparison.Ordinal);

        // 6 held; a group member gets one more, then only the application's 3 remain.
        Assert.Null(admission.TryAdmit(new PeerCredentials(20, Outsider, ObuGroup)));
        Assert.Equal(PartitionError.Busy, admission.TryAdmit(new PeerCredentials(21, Outsider, ObuGroup))?.Error);
        Assert.Equal(3, Enumerable.Range(0, 5).Count(i => admission.TryAdmit(new PeerCredentials(30 + i, App, App)) is null));
        Assert.Equal(10, admission.Active);
        Assert.Equal(PartitionError.Busy, admission.TryAdmit(new PeerCredentials(40, App, App))?.Error);

        admission.Release(hostile);
        Assert.Null(admission.TryAdmit(new PeerCredentials(41, App, App)));
    }

    [Fact]
    public void Without_application_users_no_slot_is_kept()
    {
        var admission = new ConnectionAdmission(new UnixSocketServerOptions { MaxConnections = 6, ReservedForApplication = 2, MaxConnectionsPerProcess = 6, MaxConnectionsPerUser = 6 }, Partition);

        Assert.Equal(6, Enumerable.Range(0, 8).Count(_ => admission.TryAdmit(new PeerCredentials(1, Partition, Partition)) is null));
    }

    [Fact]
    public void Limits_out_of_order_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentException>(() => new ConnectionAdmission(new UnixSocketServerOptions { MaxConnections = 4, ReservedForApplication = 4 }, 0));
        Assert.Throws<ArgumentException>(() => new ConnectionAdmission(new UnixSocketServerOptions { MaxConnectionsPerProcess = 20, MaxConnectionsPerUser = 10 }, 0));
        Assert.Throws<ArgumentException>(() => new ConnectionAdmission(new UnixSocketServerOptions { IdleTimeout = TimeSpan.Zero }, 0));
    }
}

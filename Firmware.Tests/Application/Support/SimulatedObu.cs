using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Hardware.Boards;
using Hardware.Can;
using Hardware.Positioning;
using Hardware.Simulated;
using Microsoft.Extensions.Time.Testing;
using V2x.Security.Certificates;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// A simulated OBU for the application tests: a simulated board flashed with the bench image set, its secure
/// partition booted, and a client over the in-memory channel: the same protocol the application uses over the
/// Unix socket. Several of them share one clock (and a CAN bus when given), as the bench's OBUs do.
/// </summary>
internal sealed class SimulatedObu : IAsyncDisposable
{
    private SimulatedObu(string directory, FakeTimeProvider clock, SimulatedCanBus? can, IPositionSource? position, SendingPolicy sendingOption,
        TimeProvider? boardTime = null)
    {
        Directory = directory;
        Clock = clock;
        Board = SimulatedBoard.Create(Path.Combine(directory, "obu.bin"), ObuBoards.ObuSmall,
            new SimulatedBoardOptions { Time = boardTime ?? clock, CanBus = can, Position = position });
        FirmwareImageSet.Build(Board.FlashImage.Partitions, "1.0.0", 1, 1, 1, DefaultPolicies.SimulatedObu() with { SendingOption = sendingOption },
                TestBench.OemKey, clock.GetUtcNow())
            .WriteTo(Board.FlashImage, Board.Store);
        Partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = Board.Capabilities,
            Rom = TestBench.Rom,
            BlackBox = new FlashBlackBoxMedium(Board.FlashImage),
            PeriodicScans = false,
            CounterBlockSize = 16,
        });
        Channel = new InMemoryChannel(new ProtocolServer(Partition));
        Client = new SecurePartitionClient(Channel.Connect());
    }

    public string Directory { get; }

    public FakeTimeProvider Clock { get; }

    public SimulatedBoard Board { get; }

    public SecurePartitionService Partition { get; }

    public InMemoryChannel Channel { get; }

    public SecurePartitionClient Client { get; }

    /// <summary>A simulated OBU; <paramref name="sendingOption"/> goes into its OEM-signed detection policy (patent ¶115-119).</summary>
    public static SimulatedObu Create(FakeTimeProvider clock, SimulatedCanBus? can = null, IPositionSource? position = null,
        SendingPolicy sendingOption = SendingPolicy.AlwaysInclude) =>
        new(Testing.TestInfra.NewTempDirectory("app-obu"), clock, can, position, sendingOption);

    /// <summary>An OBU whose board (and so its secure partition's signing) runs on <paramref name="boardTime"/>, a GNSS clock for example.</summary>
    public static SimulatedObu CreateOnClock(TimeProvider boardTime, IPositionSource position) =>
        new(Testing.TestInfra.NewTempDirectory("app-obu"), new FakeTimeProvider(TestAuthority.Now), null, position, SendingPolicy.AlwaysInclude, boardTime);

    /// <summary>Provisions a ticket from the test authority for a key the partition generates; returns it.</summary>
    public async Task<Certificate> ProvisionAsync(TestAuthority authority, byte? assurance = 5)
    {
        await Client.AnnounceStartAsync("test application");
        var (slot, publicKey) = await Client.GenerateTicketKeyAsync();
        var ticket = authority.Ticket(BootRom.DecodeKey(publicKey), assurance);
        await Client.InstallTicketAsync(slot, ticket.Encoded);
        return ticket;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Channel.Dispose();
        Partition.Dispose();
        Board.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Hardware;
using Hardware.Linux;
using Hardware.Security;
using Hardware.Simulated;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// A board opened from configuration: Board:Kind Simulated (Board:FlashImage, ROM beside it) or
/// Linux (Board:StorageDirectory, Board:BlackBoxFile, Rom:File, optional Board:FlashImage, optional
/// Firewall:Table "FAMILY NAME" and Firewall:Namespace for the nftables rule counters, optional
/// Deployment:Root, the sealed deployment it measures), with
/// the key store of KeyStore:Kind Memory or Pkcs11 (KeyStore:Module, KeyStore:Token, KeyStore:Pin).
/// </summary>
public sealed class HostedBoard : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private HostedBoard()
    {
    }

    /// <summary>The capabilities.</summary>
    public BoardCapabilities Board { get; private set; } = null!;

    /// <summary>The black-box medium.</summary>
    public IBlackBoxMedium BlackBox { get; private set; } = null!;

    /// <summary>The ROM.</summary>
    public BootRom Rom { get; private set; } = null!;

    /// <summary>Opens the board the configuration names.</summary>
    /// <exception cref="ArgumentException">A setting is missing or wrong.</exception>
    public static HostedBoard Open(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(time);
        var hosted = new HostedBoard();
        try
        {
            var keyStore = OpenKeyStore(configuration);
            if (keyStore is IDisposable d)
            {
                hosted._owned.Add(d);
            }

            var kind = configuration["Board:Kind"] ?? "Simulated";
            if (kind.Equals("Simulated", StringComparison.OrdinalIgnoreCase))
            {
                var flash = Settings.Require(configuration, "Board:FlashImage");
                var board = SimulatedBoard.Open(flash, new SimulatedBoardOptions { Time = time, KeyStore = keyStore });
                hosted._owned.Add(board);
                hosted.Board = board.Capabilities;
                hosted.BlackBox = new FlashBlackBoxMedium(board.FlashImage);
                hosted.Rom = RomFile.Read(configuration["Rom:File"] ?? RomFile.PathFor(flash));
            }
            else if (kind.Equals("Linux", StringComparison.OrdinalIgnoreCase))
            {
                var linux = new LinuxBoard(new LinuxBoardOptions
                {
                    Time = time,
                    StorageDirectory = Settings.Require(configuration, "Board:StorageDirectory"),
                    FlashImagePath = configuration["Board:FlashImage"],
                    DeploymentRoot = configuration["Deployment:Root"],
                    KeyStore = keyStore ?? Own(hosted, new InMemoryKeyStore()),
                    FirewallTable = configuration["Firewall:Table"],
                    FirewallNamespace = configuration["Firewall:Namespace"],
                });
                hosted._owned.Add(linux);
                hosted.Board = linux.Capabilities;
                var medium = new FileBlackBoxMedium(Settings.Require(configuration, "Board:BlackBoxFile"),
                    Settings.UInt(configuration, "Board:BlackBoxBytes", 1024 * 1024));
                hosted._owned.Add(medium);
                hosted.BlackBox = medium;
                hosted.Rom = RomFile.Read(Settings.Require(configuration, "Rom:File"));
            }
            else
            {
                throw new ArgumentException($"Board:Kind is Simulated or Linux, not '{kind}'.");
            }

            return hosted;
        }
        catch
        {
            hosted.Dispose();
            throw;
        }
    }

    /// <summary>The key store of KeyStore:Kind (null for Memory on a simulated board, which makes its own).</summary>
    public static IKeyStore? OpenKeyStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var kind = configuration["KeyStore:Kind"] ?? "Memory";
        if (kind.Equals("Memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!kind.Equals("Pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"KeyStore:Kind is Memory or Pkcs11, not '{kind}'.");
        }

        return new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = Settings.Require(configuration, "KeyStore:Module"),
            TokenLabel = Settings.Require(configuration, "KeyStore:Token"),
            UserPin = Settings.Require(configuration, "KeyStore:Pin"),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    private static T Own<T>(HostedBoard hosted, T item)
        where T : IDisposable
    {
        hosted._owned.Add(item);
        return item;
    }
}

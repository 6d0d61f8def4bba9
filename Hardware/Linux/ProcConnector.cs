using System.Runtime.InteropServices;

namespace Hardware.Linux;

/// <summary>
/// The kernel's process-event connector (drivers/connector/cn_proc.c, include/uapi/linux/cn_proc.h):
/// a NETLINK_CONNECTOR socket bound to the CN_IDX_PROC group that receives, after
/// PROC_CN_MCAST_LISTEN, one datagram per fork, exec, comm change and exit of every process on the
/// machine. Needs CAP_NET_ADMIN in the initial user namespace and the initial network namespace
/// (cn_bind, and the connector only multicasts in init_net); elsewhere <see cref="Open"/> fails.
/// </summary>
internal sealed class ProcConnector : IDisposable
{
    // include/uapi/linux/netlink.h, connector.h, cn_proc.h.
    private const int NetlinkConnector = 11;
    private const uint CnIdxProc = 1;
    private const uint CnValProc = 1;
    private const uint ProcCnMcastListen = 1;
    private const ushort NlmsgDone = 3;
    private const int NlmsgHeader = 16;
    private const int CnMsgHeader = 20;

    private int _fd;

    private ProcConnector(int fd) => _fd = fd;

    /// <summary>One event the connector reported.</summary>
    public readonly record struct Event(EventKind Kind, int Pid, int Tgid, int ParentTgid, uint ExitCode, string? Comm);

    /// <summary>The event kinds of cn_proc.h this class reads.</summary>
    public enum EventKind : uint
    {
        /// <summary>PROC_EVENT_NONE: the acknowledgement of the listen request.</summary>
        None = 0,

        /// <summary>PROC_EVENT_FORK.</summary>
        Fork = 0x1,

        /// <summary>PROC_EVENT_EXEC.</summary>
        Exec = 0x2,

        /// <summary>PROC_EVENT_COMM.</summary>
        Comm = 0x200,

        /// <summary>PROC_EVENT_EXIT.</summary>
        Exit = 0x80000000,
    }

    /// <summary>Opens the socket, subscribes and asks the kernel to multicast process events.</summary>
    /// <exception cref="IOException">The kernel refused (no CAP_NET_ADMIN, not the initial namespaces, no CONFIG_PROC_EVENTS).</exception>
    public static ProcConnector Open()
    {
        var fd = LinuxNative.Socket(LinuxNative.AfNetlink, LinuxNative.SockDgram | LinuxNative.SockCloexec, NetlinkConnector);
        if (fd < 0)
        {
            throw Fail("socket(AF_NETLINK, NETLINK_CONNECTOR)");
        }

        var connector = new ProcConnector(fd);
        try
        {
            // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
            Span<byte> address = stackalloc byte[12];
            address.Clear();
            MemoryMarshal.Write(address, (ushort)LinuxNative.AfNetlink);
            MemoryMarshal.Write(address[8..], CnIdxProc);
            if (LinuxNative.Bind(fd, address, address.Length) != 0)
            {
                throw Fail("bind to the CN_IDX_PROC group");
            }

            // A burst of process events between two drains must fit (each datagram costs about 1 KiB of buffer).
            var size = 4 * 1024 * 1024;
            _ = LinuxNative.SetSocketOption(fd, LinuxNative.SolSocket, LinuxNative.SoRcvBuf, in size, sizeof(int));

            // nlmsghdr | cn_msg { cb_id { idx, val }, seq, ack, len, flags } | enum proc_cn_mcast_op
            Span<byte> request = stackalloc byte[NlmsgHeader + CnMsgHeader + 4];
            request.Clear();
            MemoryMarshal.Write(request, (uint)request.Length);
            MemoryMarshal.Write(request[4..], NlmsgDone);
            MemoryMarshal.Write(request[(NlmsgHeader + 0)..], CnIdxProc);
            MemoryMarshal.Write(request[(NlmsgHeader + 4)..], CnValProc);
            MemoryMarshal.Write(request[(NlmsgHeader + 16)..], (ushort)4);
            MemoryMarshal.Write(request[(NlmsgHeader + CnMsgHeader)..], ProcCnMcastListen);
            if (LinuxNative.Send(fd, request, request.Length, 0) != request.Length)
            {
                throw Fail("PROC_CN_MCAST_LISTEN");
            }

            return connector;
        }
        catch
        {
            connector.Dispose();
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a datagram; true when one is waiting.</summary>
    public bool WaitReadable(int timeoutMs)
    {
        var fd = new LinuxNative.PollFd { Fd = _fd, Events = LinuxNative.PollIn };
        return _fd >= 0 && LinuxNative.Poll(ref fd, 1, timeoutMs) > 0;
    }

    /// <summary>
    /// Reads every datagram waiting, without blocking, and hands each event to <paramref name="onEvent"/>;
    /// returns false when the kernel dropped events because the socket buffer was full (ENOBUFS).
    /// </summary>
    public bool Drain(Action<Event> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var complete = true;
        var buffer = new byte[8192];
        while (_fd >= 0)
        {
            var n = (int)LinuxNative.Receive(_fd, buffer, buffer.Length, LinuxNative.MsgDontWait);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxNative.ENoBufs)
                {
                    complete = false;
                    continue;
                }

                if (errno == LinuxNative.EIntr)
                {
                    continue;
                }

                break;
            }

            Parse(buffer.AsSpan(0, n), onEvent);
        }

        return complete;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LinuxNative.Close(fd);
        }
    }

    /// <summary>Parses the netlink messages of one datagram (every field in host byte order).</summary>
    internal static void Parse(ReadOnlySpan<byte> data, Action<Event> onEvent)
    {
        while (data.Length >= NlmsgHeader)
        {
            var length = (int)MemoryMarshal.Read<uint>(data);
            if (length < NlmsgHeader || length > data.Length)
            {
                return;
            }

            var message = data[NlmsgHeader..length];
            // struct proc_event { what u32, cpu u32, timestamp_ns u64, event_data union } after the cn_msg.
            if (message.Length >= CnMsgHeader + 16 && MemoryMarshal.Read<uint>(message) == CnIdxProc)
            {
                var ev = message[CnMsgHeader..];
                var what = (EventKind)MemoryMarshal.Read<uint>(ev);
                var body = ev[16..];
                switch (what)
                {
                    case EventKind.Fork when body.Length >= 16:
                        // parent_pid, parent_tgid, child_pid, child_tgid
                        onEvent(new Event(what, I32(body, 8), I32(body, 12), I32(body, 4), 0, null));
                        break;
                    case EventKind.Exec when body.Length >= 8:
                        onEvent(new Event(what, I32(body, 0), I32(body, 4), 0, 0, null));
                        break;
                    case EventKind.Comm when body.Length >= 24:
                        var comm = body.Slice(8, 16);
                        var end = comm.IndexOf((byte)0);
                        onEvent(new Event(what, I32(body, 0), I32(body, 4), 0, 0, System.Text.Encoding.UTF8.GetString(end < 0 ? comm : comm[..end])));
                        break;
                    case EventKind.Exit when body.Length >= 16:
                        // process_pid, process_tgid, exit_code (the wait status), exit_signal
                        onEvent(new Event(what, I32(body, 0), I32(body, 4), 0, MemoryMarshal.Read<uint>(body[8..]), null));
                        break;
                }
            }

            var aligned = (length + 3) & ~3;
            if (aligned >= data.Length)
            {
                return;
            }

            data = data[aligned..];
        }
    }

    private static int I32(ReadOnlySpan<byte> s, int offset) => MemoryMarshal.Read<int>(s[offset..]);

    private static IOException Fail(string what) =>
        new($"The process-event connector is not available: {what} failed (errno {Marshal.GetLastPInvokeError()}); it needs CAP_NET_ADMIN in the initial user and network namespaces.");
}

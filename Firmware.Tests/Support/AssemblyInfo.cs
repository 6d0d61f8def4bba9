// The firmware tests run on Linux: they read /proc, serve Unix domain sockets and send POSIX signals.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

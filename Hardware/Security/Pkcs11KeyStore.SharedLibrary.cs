using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hardware.Security;

public sealed partial class Pkcs11KeyStore
{
    /// <summary>
    /// One loaded module per path in the process: C_Initialize may be called once per
    /// application (PKCS#11 v2.40 §5.4), so stores sharing a module share its instance, and the
    /// last one to go calls C_Finalize.
    /// </summary>
    private sealed class SharedLibrary
    {
        private static readonly Dictionary<string, SharedLibrary> Loaded = new(StringComparer.Ordinal);
        private static readonly Lock LoadLock = new();
        private readonly string _path;
        private int _users;

        static SharedLibrary()
        {
            // Pkcs11Interop loads modules through dlopen from "libdl". glibc 2.34+ folded libdl
            // into libc and distributions ship only libdl.so.2 without the development symlink
            // (Debian 12 among them), so resolve the name to the runtime soname.
            NativeLibrary.SetDllImportResolver(typeof(IPkcs11Library).Assembly, ResolveLibdl);
        }

        private SharedLibrary(string path, Pkcs11InteropFactories factories, IPkcs11Library library)
        {
            _path = path;
            Factories = factories;
            Library = library;
        }

        public Pkcs11InteropFactories Factories { get; }

        public IPkcs11Library Library { get; }

        /// <summary>
        /// PINs that logged in, by token label. Login state is per application (PKCS#11 v2.40
        /// §5.6), so a later C_Login answers CKR_USER_ALREADY_LOGGED_IN whatever PIN it carries;
        /// a later store must then present the PIN that did log in, or it is refused.
        /// </summary>
        public Dictionary<string, byte[]> VerifiedPins { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Serialises every call into the module among every store of this process: one session at a time uses the
        /// token. SoftHSM2 2.6.1's file object store is not safe for concurrent sessions even with CKF_OS_LOCKING_OK:
        /// object creation beside other sessions' reads answers CKR_TEMPLATE_INCONSISTENT or CKR_GENERAL_ERROR now
        /// and then (SoftHSMv2 issue #573), and an object that two sessions refresh at once (ObjectFile::refresh drops
        /// the cached attributes, then re-reads the file) can be missed by a search, even later with the store
        /// otherwise idle (CI, 2026-12-06: a key just generated was "not in the token"). A shared lock for look-ups
        /// and signatures still let that happen, so nothing runs beside anything else. The OBU signs a few dozen
        /// messages a second; a SoftHSM2 signature takes well under a millisecond.
        /// </summary>
        public Lock Token { get; } = new();

        public static SharedLibrary Acquire(string path)
        {
            lock (LoadLock)
            {
                if (!Loaded.TryGetValue(path, out var shared))
                {
                    var factories = new Pkcs11InteropFactories();
                    try
                    {
                        var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
                        shared = new SharedLibrary(path, factories, library);
                    }
                    catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or IOException)
                    {
                        throw new KeyStoreException(KeyStoreError.DeviceError, $"Cannot load PKCS#11 module '{path}': {e.Message}", e);
                    }

                    Loaded[path] = shared;
                }

                shared._users++;
                return shared;
            }
        }

        private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (name == "libdl" && OperatingSystem.IsLinux())
            {
                foreach (var candidate in new[] { "libdl.so.2", "libc.so.6" })
                {
                    if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                    {
                        return handle;
                    }
                }
            }

            return IntPtr.Zero;
        }

        public void Release()
        {
            lock (LoadLock)
            {
                if (--_users == 0)
                {
                    Loaded.Remove(_path);
                    Library.Dispose();
                }
            }
        }
    }
}

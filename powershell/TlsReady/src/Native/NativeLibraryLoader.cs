using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// Finds libtlsready beside the module, by OS and architecture:
    /// &lt;module&gt;/runtimes/&lt;rid&gt;/native/{libtlsready.so | tlsready.dll | libtlsready.dylib}
    /// (the NuGet runtimes layout), and makes [DllImport("tlsready")] bind to that file.
    ///
    /// netstandard2.0 has neither NativeLibrary nor AssemblyLoadContext.ResolvingUnmanagedDll, so:
    ///  - on .NET Core 3+ (PowerShell 7) NativeLibrary.SetDllImportResolver is called through
    ///    reflection for this assembly: the resolver loads the full path with NativeLibrary.Load.
    ///    Preloading alone would not do on Linux: dlopen("libtlsready.so") matches an already
    ///    loaded object by its SONAME (libtlsready.so.1), not by its file name.
    ///  - on .NET Framework (Windows PowerShell 5.1) the DLL is preloaded with LoadLibraryExW by
    ///    full path (with LOAD_WITH_ALTERED_SEARCH_PATH so its own imports resolve beside it); the
    ///    P/Invoke's LoadLibrary("tlsready.dll") then finds the loaded module by its base name.
    /// Either way it runs once, before the first P/Invoke (<see cref="NativeApi"/> calls EnsureLoaded).
    /// </summary>
    internal static class NativeLibraryLoader
    {
        private static readonly object Gate = new object();
        private static string loadedPath;
        private static IntPtr loadedHandle;

        /// <summary>The full path of the native library this module uses (loaded or not).</summary>
        internal static string LibraryPath
        {
            get
            {
                string moduleDirectory = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location) ?? ".";
                return Path.Combine(Path.Combine(Path.Combine(Path.Combine(moduleDirectory, "runtimes"), RuntimeIdentifier), "native"), FileName);
            }
        }

        /// <summary>linux-x64, win-x64, osx-arm64, ...</summary>
        internal static string RuntimeIdentifier
        {
            get
            {
                string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                    : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
                string arch;
                switch (RuntimeInformation.ProcessArchitecture)
                {
                    case Architecture.X64: arch = "x64"; break;
                    case Architecture.X86: arch = "x86"; break;
                    case Architecture.Arm64: arch = "arm64"; break;
                    case Architecture.Arm: arch = "arm"; break;
                    default: arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(); break;
                }
                return os + "-" + arch;
            }
        }

        private static string FileName =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "tlsready.dll"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libtlsready.dylib" : "libtlsready.so";

        /// <summary>Loads the library once; throws DllNotFoundException naming the path and the platform.</summary>
        internal static void EnsureLoaded()
        {
            lock (Gate)
            {
                if (loadedPath != null)
                {
                    return;
                }
                string path = LibraryPath;
                if (!File.Exists(path))
                {
                    throw new DllNotFoundException(
                        "TlsReady: the native library for " + RuntimeIdentifier + " is not in the module: " + path +
                        " does not exist (the module ships runtimes/linux-x64 and runtimes/win-x64; rebuild it with powershell/build.sh)");
                }
                if (!TryInstallResolver(path))
                {
                    Preload(path);
                }
                loadedPath = path;
            }
        }

        private static bool TryInstallResolver(string path)
        {
            Assembly coreLibrary = typeof(object).Assembly;
            Type nativeLibrary = coreLibrary.GetType("System.Runtime.InteropServices.NativeLibrary", false);
            Type resolverType = coreLibrary.GetType("System.Runtime.InteropServices.DllImportResolver", false);
            if (nativeLibrary == null || resolverType == null)
            {
                return false; // .NET Framework
            }
            MethodInfo load = nativeLibrary.GetMethod("Load", new[] { typeof(string) });
            MethodInfo setResolver = nativeLibrary.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType });
            if (load == null || setResolver == null)
            {
                return false;
            }
            loadedHandle = UnwrapInvoke<IntPtr>(load, new object[] { path });
            MethodInfo resolve = typeof(NativeLibraryLoader).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static);
            Delegate resolver = Delegate.CreateDelegate(resolverType, resolve);
            try
            {
                UnwrapInvoke<object>(setResolver, new object[] { typeof(NativeLibraryLoader).Assembly, resolver });
            }
            catch (InvalidOperationException)
            {
                // a resolver is already set for this assembly (the module imported again in this
                // process after a failure): it is ours, and loadedHandle is now set for it
            }
            return true;
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            return libraryName == NativeMethods.Library ? loadedHandle : IntPtr.Zero;
        }

        private static T UnwrapInvoke<T>(MethodInfo method, object[] arguments)
        {
            try
            {
                return (T)method.Invoke(null, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw new DllNotFoundException("TlsReady: loading " + arguments[0] + " failed: " + e.InnerException.Message, e.InnerException);
            }
        }

        private static void Preload(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                throw new PlatformNotSupportedException("TlsReady: this runtime has no NativeLibrary API and is not Windows; cannot load " + path);
            }
            const uint LoadWithAlteredSearchPath = 0x00000008;
            loadedHandle = LoadLibraryExW(path, IntPtr.Zero, LoadWithAlteredSearchPath);
            if (loadedHandle == IntPtr.Zero)
            {
                throw new DllNotFoundException("TlsReady: LoadLibraryEx(" + path + ") failed with Win32 error " + Marshal.GetLastWin32Error());
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryExW(string fileName, IntPtr reserved, uint flags);
    }
}

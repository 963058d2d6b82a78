namespace TlsReady.Native
{
    /// <summary>The status codes of tlsready.h (frozen: native/data/ledgers/c_status_codes.csv).</summary>
    internal enum TlsrStatus
    {
        Ok = 0,
        InvalidArgument = -1,
        NoMemory = -2,
        Internal = -3,
        Timeout = -4,
        Done = -5,
        NotFound = -6,
        Unsupported = -7,
    }
}

using System.Net.Sockets;
using Npgsql;

namespace VisionDrive.Parking.Migration;

/// <summary>Tells a lost source connection (worth resuming from the checkpoint) from other source errors (not worth it).</summary>
internal static class SourceFailure
{
    /// <summary>
    /// Whether <paramref name="ex"/> (or an exception inside it) says the connection to PostgreSQL was lost or refused: a broken
    /// socket, a refused or timed-out connect, or the server's own word that it is shutting down or not ready
    /// (<c>57P01</c> admin shutdown, <c>57P02</c> crash shutdown, <c>57P03</c> cannot connect now, class <c>08</c> connection
    /// exceptions). A wrong password (<c>28P01</c>), a TLS failure, a host name that does not resolve, a missing table or a bad value is
    /// not: retrying cannot fix those.
    /// </summary>
    public static bool IsConnectionLost(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } }:
                    return false; // a wrong host name: waiting will not make it resolve
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A short description for the log: the exception type and, for a server error, its SQLSTATE (never connection details).</summary>
    public static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                return $"{pg.GetType().Name} {pg.SqlState}";
            }

            if (e is NpgsqlException { InnerException: { } inner })
            {
                return $"{e.GetType().Name}: {inner.GetType().Name}";
            }
        }

        return ex.GetType().Name;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Pace.Local;

internal static class PortProbe
{
    /// <summary>Whether a server could listen on 127.0.0.1:<paramref name="port"/> now.</summary>
    public static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new LauncherException($"port {port} cannot be used: permission denied (ports below 1024 need root)");
        }
        finally
        {
            listener.Stop();
        }
    }
}

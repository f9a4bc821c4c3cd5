package dev.arbiter.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain TCP forwarder between the service under test and the shared PostgreSQL. Cutting it is a
 * database outage as the service sees one (connections reset, new ones refused) without stopping
 * the PostgreSQL other engineers' tests are using.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    ServerSocket s = open(0);
    this.port = s.getLocalPort();
    accept(s);
  }

  public int port() {
    return port;
  }

  /** Drops every connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() throws IOException {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  public synchronized void restore() throws IOException {
    if (server == null) {
      accept(open(port));
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket open(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket s) {
    server = s;
    Thread t = new Thread(() -> {
      while (!s.isClosed()) {
        try {
          Socket client = s.accept();
          // Registered under the lock cut() holds, and only while this server is current: a
          // connection accepted as the proxy is being cut must not survive the cut.
          if (!register(s, client)) {
            continue;
          }
          Socket upstream = new Socket();
          upstream.connect(target, 5_000);
          if (!register(s, upstream)) {
            closeQuietly(client);
            continue;
          }
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // closed by cut(), or the upstream refused: the client sees its connection close
        }
      }
    }, "tcp-proxy-accept-" + port);
    t.setDaemon(true);
    t.start();
  }

  private synchronized boolean register(ServerSocket owner, Socket socket) {
    if (server != owner) {
      closeQuietly(socket);
      return false;
    }
    sockets.add(socket);
    return true;
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}

package dev.cistern.internal.dialect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * The sockets Cistern gives pgjdbc and MariaDB Connector/J (their {@code socketFactory} property):
 * plain TCP sockets with keepalive on and tuned, so that a connection to a peer that went away
 * without a word (a host that lost power, a network that drops everything) fails within about a
 * minute instead of the operating system's two hours and more: the first probe after {@link #IDLE}
 * of silence, then one every {@link #INTERVAL}, and the connection is dead after {@link #COUNT}
 * unanswered ones. A busy server answers probes while it runs a long query, so this never cuts a
 * legitimate one short.
 *
 * <p>pgjdbc has no property for these three, as MariaDB Connector/J has ({@code tcpKeepIdle},
 * {@code tcpKeepInterval}, {@code tcpKeepCount}); both drivers load this class by name with their
 * own class loader and make it with the public no-argument constructor. The engine also learns each
 * connection's socket ({@link #takeLast()}), to cut it when the driver cannot. {@link
 * #usableBy(Class)} says whether it can: a driver in a parent class loader, or a named {@code
 * dev.cistern} module that does not export this package to it, cannot, and the dialect then leaves
 * pgjdbc's default factory, with plain {@code tcpKeepAlive}. Where the platform does not offer the
 * three options ({@code jdk.net} missing, or an operating system without them) the socket gets
 * plain keepalive.
 */
public final class KeepAliveSocketFactory extends SocketFactory {
  /** Silence before the first probe. */
  public static final Duration IDLE = Duration.ofSeconds(30);

  /** Between unanswered probes. */
  public static final Duration INTERVAL = Duration.ofSeconds(10);

  /** Unanswered probes after which the connection is dead. */
  public static final int COUNT = 3;

  /** The last socket this thread made, so the engine can tie it to the connection it carries. */
  private static final ThreadLocal<Socket> LAST = new ThreadLocal<>();

  /**
   * Returns the last socket made on this thread since the previous call, or null, and forgets it. A
   * driver makes a connection's socket on the thread that connects, so called before and after a
   * connect, it gives the socket of that connection (the last one made, if the driver tried
   * several): the engine can then close it directly, which ends a read blocked on a dead network at
   * once where the driver's own {@code abort} cannot.
   */
  public static Socket takeLast() {
    Socket s = LAST.get();
    if (s != null) {
      LAST.remove();
    }
    return s;
  }

  /** Makes the factory; pgjdbc calls this. */
  public KeepAliveSocketFactory() {
    // no state: every socket gets the same options
  }

  /**
   * Returns true if a driver of class {@code driver} can load and make this factory: it sees this
   * very class through its own class loader, and this class's package is exported to it.
   */
  public static boolean usableBy(Class<?> driver) {
    if (driver == null) {
      return false;
    }
    try {
      ClassLoader loader = driver.getClassLoader();
      Class<?> seen = Class.forName(KeepAliveSocketFactory.class.getName(), false, loader);
      return seen == KeepAliveSocketFactory.class
          && KeepAliveSocketFactory.class
              .getModule()
              .isExported(KeepAliveSocketFactory.class.getPackageName(), driver.getModule());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return false;
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = new Socket();
    try {
      tune(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    LAST.set(s);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    connect(s, new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket s = createSocket();
    bindAndConnect(
        s, new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    connect(s, new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    bindAndConnect(
        s, new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    return s;
  }

  private static void connect(Socket s, InetSocketAddress to) throws IOException {
    try {
      s.connect(to);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static void bindAndConnect(Socket s, InetSocketAddress local, InetSocketAddress to)
      throws IOException {
    try {
      s.bind(local);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    connect(s, to);
  }

  /** Turns keepalive on, with the three tunings where the platform has them. */
  static void tune(Socket s) throws IOException {
    s.setKeepAlive(true);
    Tunings t = Tunings.INSTANCE;
    if (t == null) {
      return;
    }
    trySet(s, t.idle, (int) IDLE.toSeconds());
    trySet(s, t.interval, (int) INTERVAL.toSeconds());
    trySet(s, t.count, COUNT);
  }

  private static void trySet(Socket s, SocketOption<Integer> option, int value) throws IOException {
    if (s.supportedOptions().contains(option)) {
      s.setOption(option, value);
    }
  }

  /** {@code jdk.net}'s three options, or null where that module is missing. */
  static final class Tunings {
    static final Tunings INSTANCE = load();

    final SocketOption<Integer> idle;
    final SocketOption<Integer> interval;
    final SocketOption<Integer> count;

    private Tunings(
        SocketOption<Integer> idle, SocketOption<Integer> interval, SocketOption<Integer> count) {
      this.idle = idle;
      this.interval = interval;
      this.count = count;
    }

    private static Tunings load() {
      try {
        return new Tunings(
            jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE,
            jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL,
            jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT);
      } catch (LinkageError e) {
        return null; // a runtime image without jdk.net: plain keepalive
      }
    }
  }
}

package dev.cistern.testkit.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process TCP proxy on 127.0.0.1 that injects network faults between a client (a JDBC driver)
 * and a server on the loopback interface: the network failures a pool must survive, without
 * touching the server itself.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", 5432)) {
 *   String url = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/postgres";
 *   ...
 *   proxy.blackHole();   // every socket stays open, nothing arrives in either direction
 *   proxy.passThrough(); // healed: held bytes are delivered, new connections forward
 * }
 * }</pre>
 *
 * <p>Faults:
 *
 * <ul>
 *   <li>{@link #passThrough()}: clears every fault; bytes held back by a black hole or a half-open
 *       direction are then delivered in order, as TCP would after a partition heals.
 *   <li>{@link #blackHole()}: new connections are accepted (but not yet connected upstream) and
 *       every socket, new and old, stays open while nothing is forwarded either way; a client sees
 *       a read that never returns, which only a socket or network timeout ends.
 *   <li>{@link #resetAll()}: every open connection is reset now (the client reads "connection
 *       reset"), then every fault is cleared so that new connections pass.
 *   <li>{@link #failover()}: a failover seen from the client: every connection open now is dead for
 *       good (its sockets stay open, bytes sent on it vanish, nothing comes back), then every fault
 *       is cleared so that new connections pass. A dead connection ends only when its client closes
 *       it or the proxy closes.
 *   <li>{@link #latency(Duration, Duration)}: a delay before each upstream connect and before each
 *       chunk read is forwarded.
 *   <li>{@link #bandwidth(long)}: a cap in bytes per second on each direction of each connection.
 *   <li>{@link #halfOpen(Direction)}: one direction stops forwarding (its bytes are held, and
 *       delivered if {@link #passThrough()} heals it), the other works.
 * </ul>
 *
 * <p>Faults apply to existing and new connections alike. A connection uses blocking sockets and two
 * daemon threads, one per direction, named {@code fault-proxy-<port>-<n>-c2s} and {@code -s2c}; the
 * listener's thread is {@code fault-proxy-<port>-accept}. Every wait is bounded or ended by {@link
 * #close()}, which closes the listener and every connection and joins the threads within about two
 * seconds, even while black-holed. Only loopback targets are accepted.
 */
public final class FaultProxy implements AutoCloseable {
  /** The direction of a connection that a fault applies to. */
  public enum Direction {
    /** Bytes the client sends to the server. */
    CLIENT_TO_SERVER,
    /** Bytes the server sends to the client. */
    SERVER_TO_CLIENT
  }

  private static final String HOST = "127.0.0.1";
  private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long CLOSE_JOIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

  /** Gates re-check their condition at least this often, so that no wait depends on a notify. */
  private static final long MAX_WAIT_MILLIS = 100;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final int port;
  private final Object lock = new Object();
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();

  // fault state, written under lock; volatile for the unlocked reads in the pumps
  private volatile boolean closed;
  private volatile boolean blackHoled;
  private volatile Direction deadDirection;
  private volatile long connectDelayNanos;
  private volatile long chunkDelayNanos;
  private volatile long bytesPerSecond;

  private FaultProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
  }

  /**
   * Starts a proxy listening on 127.0.0.1 at an ephemeral port, forwarding to {@code
   * targetHost:targetPort}.
   *
   * @param targetHost the loopback host to forward to
   * @param targetPort the port to forward to
   * @return the running proxy; close it to stop it
   * @throws IllegalArgumentException if the target is not a loopback address or the port is out of
   *     range
   * @throws UncheckedIOException if the listener cannot be bound
   */
  public static FaultProxy start(String targetHost, int targetPort) {
    Objects.requireNonNull(targetHost, "targetHost");
    if (targetPort < 1 || targetPort > 65_535) {
      throw new IllegalArgumentException("targetPort must be 1..65535, was " + targetPort);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(targetHost);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown target host: " + targetHost, e);
    }
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "the fault proxy forwards to loopback only, not to " + targetHost);
    }
    ServerSocket listener;
    try {
      listener = new ServerSocket(0, 200, InetAddress.getByName(HOST));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST, e);
    }
    FaultProxy proxy = new FaultProxy(new InetSocketAddress(address, targetPort), listener);
    proxy.startThread("accept", proxy::acceptLoop);
    return proxy;
  }

  /**
   * The address the proxy listens on: always {@code "127.0.0.1"}.
   *
   * @return {@code "127.0.0.1"}
   */
  public String host() {
    return HOST;
  }

  /**
   * The port the proxy listens on.
   *
   * @return the listening port
   */
  public int port() {
    return port;
  }

  /**
   * Heals: clears every fault, so that held bytes are delivered and new connections forward
   * normally. Connections cut by {@link #resetAll()} or {@link #failover()} stay cut.
   */
  public void passThrough() {
    synchronized (lock) {
      clearFaults();
      lock.notifyAll();
    }
  }

  /**
   * Accepts new connections and keeps every socket, new and existing, open while forwarding nothing
   * in either direction, until {@link #passThrough()}.
   */
  public void blackHole() {
    synchronized (lock) {
      blackHoled = true;
      lock.notifyAll();
    }
  }

  /**
   * Resets every open connection now (SO_LINGER 0, then close: both sides read "connection reset"),
   * then clears every fault so that new connections pass.
   */
  public void resetAll() {
    synchronized (lock) {
      for (ProxiedConnection c : connections) {
        c.close(true);
      }
      clearFaults();
      lock.notifyAll();
    }
  }

  /**
   * Makes every connection open now dead for good: nothing is forwarded on it in either direction
   * and its sockets stay open (black-holed forever); then clears every fault so that new
   * connections pass normally.
   */
  public void failover() {
    synchronized (lock) {
      for (ProxiedConnection c : connections) {
        c.dead = true;
      }
      clearFaults();
      lock.notifyAll();
    }
  }

  /**
   * Adds {@code connect} before each new connection is connected upstream and {@code perChunk}
   * before each chunk read is forwarded, in both directions. {@link Duration#ZERO} removes a delay.
   *
   * @param connect the delay before each upstream connect
   * @param perChunk the delay before each forwarded chunk
   * @throws IllegalArgumentException if a duration is negative
   */
  public void latency(Duration connect, Duration perChunk) {
    long connectNanos = nonNegativeNanos(connect, "connect");
    long chunkNanos = nonNegativeNanos(perChunk, "perChunk");
    synchronized (lock) {
      connectDelayNanos = connectNanos;
      chunkDelayNanos = chunkNanos;
      lock.notifyAll();
    }
  }

  /**
   * Caps each direction of each connection at {@code bytesPerSecond}; {@code <= 0} removes it.
   *
   * @param bytesPerSecond the cap per direction, or {@code <= 0} for none
   */
  public void bandwidth(long bytesPerSecond) {
    synchronized (lock) {
      this.bytesPerSecond = Math.max(0, bytesPerSecond);
      lock.notifyAll();
    }
  }

  /**
   * Stops forwarding in the {@code dead} direction (its bytes are held back, and delivered only if
   * {@link #passThrough()} heals it); the other direction keeps working.
   *
   * @param dead the direction to stop forwarding
   */
  public void halfOpen(Direction dead) {
    Objects.requireNonNull(dead, "dead");
    synchronized (lock) {
      deadDirection = dead;
      lock.notifyAll();
    }
  }

  /**
   * Client connections currently open through the proxy.
   *
   * @return the number of open client connections
   */
  public int openConnections() {
    return connections.size();
  }

  /**
   * Client connections accepted since start.
   *
   * @return the number of accepted client connections
   */
  public long accepted() {
    return accepted.get();
  }

  /**
   * Closes the listener and every connection, and waits (about two seconds at most) for the proxy's
   * threads to end. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    closeQuietly(listener);
    for (ProxiedConnection c : connections) {
      c.close(false);
    }
    // a pump may start while the first ones are joined (an accept racing close): look again
    long deadline = System.nanoTime() + CLOSE_JOIN_NANOS;
    while (!threads.isEmpty()) {
      for (Thread t : List.copyOf(threads)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "FaultProxy["
        + HOST
        + ":"
        + port
        + " -> "
        + target.getPort()
        + ", open="
        + connections.size()
        + "]";
  }

  // --- package-private: used by ProxiedConnection ---

  InetSocketAddress target() {
    return target;
  }

  int upstreamConnectTimeoutMillis() {
    return UPSTREAM_CONNECT_TIMEOUT_MILLIS;
  }

  boolean isClosed() {
    return closed;
  }

  long connectDelayNanos() {
    return connectDelayNanos;
  }

  long chunkDelayNanos() {
    return chunkDelayNanos;
  }

  long bytesPerSecond() {
    return bytesPerSecond;
  }

  void removed(ProxiedConnection c) {
    connections.remove(c);
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Waits while {@code direction} may not forward (black hole or half-open; {@code null} is the
   * upstream connect, held by a black hole only). Returns false if the connection or the proxy
   * closed meanwhile. A dead connection passes the gate at once: its pump drops what it read.
   */
  boolean awaitForwarding(ProxiedConnection c, Direction direction) throws InterruptedException {
    synchronized (lock) {
      while (!closed && !c.isClosed() && !c.dead && isHeld(direction)) {
        lock.wait(MAX_WAIT_MILLIS);
      }
      return !closed && !c.isClosed();
    }
  }

  /** Waits {@code nanos}; returns false if the connection or the proxy closed meanwhile. */
  boolean pause(ProxiedConnection c, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    synchronized (lock) {
      long left;
      while (!closed && !c.isClosed() && (left = deadline - System.nanoTime()) > 0) {
        long millis = Math.min(MAX_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(left));
        if (millis == 0) {
          lock.wait(0, (int) Math.max(1, left));
        } else {
          lock.wait(millis);
        }
      }
      return !closed && !c.isClosed();
    }
  }

  Thread startThread(String suffix, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            "fault-proxy-" + port + "-" + suffix);
    t.setDaemon(true);
    threads.add(t);
    try {
      t.start();
    } catch (RuntimeException | Error e) {
      threads.remove(t);
      throw e;
    }
    return t;
  }

  // --- private ---

  private boolean isHeld(Direction direction) {
    return blackHoled || (direction != null && direction == deadDirection);
  }

  private void clearFaults() {
    blackHoled = false;
    deadDirection = null;
    connectDelayNanos = 0;
    chunkDelayNanos = 0;
    bytesPerSecond = 0;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // the listener was closed
      }
      long n = accepted.incrementAndGet();
      ProxiedConnection c = new ProxiedConnection(this, client, n);
      connections.add(c);
      if (closed) {
        c.close(false);
        return;
      }
      startThread(n + "-c2s", c::runClientToServer);
    }
  }

  private static long nonNegativeNanos(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + d);
    }
    return d.compareTo(Duration.ofDays(1)) > 0 ? TimeUnit.DAYS.toNanos(1) : d.toNanos();
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // nothing to do: closing is best effort
    }
  }
}

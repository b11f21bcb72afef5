package dev.cistern.testkit.fault;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cistern.testkit.fault.FaultProxy.Direction;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy on its own, in front of an in-test echo or raw server on 127.0.0.1. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  /** How long a read waits for bytes that must not arrive. */
  private static final int QUIET_MILLIS = 300;

  /** How long a read waits for bytes that must arrive. */
  private static final int ARRIVE_MILLIS = 5_000;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      FaultProxy.closeQuietly(toClose.get(i));
    }
  }

  @Test
  void passThroughForwardsBothWaysAndCounts() throws IOException {
    FaultProxy proxy = proxyTo(target(true));
    assertThat(proxy.host()).isEqualTo("127.0.0.1");
    Socket client = connect(proxy);
    assertThat(roundTrip(client, "hello")).isEqualTo("hello");
    assertThat(proxy.accepted()).isEqualTo(1);
    assertThat(proxy.openConnections()).isEqualTo(1);

    client.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
    assertThat(proxy.accepted()).isEqualTo(1);
  }

  @Test
  void countsAcceptedAndOpenConnections() throws IOException {
    FaultProxy proxy = proxyTo(target(true));
    Socket a = connect(proxy);
    Socket b = connect(proxy);
    Socket c = connect(proxy);
    for (Socket s : List.of(a, b, c)) {
      assertThat(roundTrip(s, "x")).isEqualTo("x");
    }
    assertThat(proxy.accepted()).isEqualTo(3);
    assertThat(proxy.openConnections()).isEqualTo(3);

    a.close();
    b.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);
    assertThat(proxy.accepted()).isEqualTo(3);
    assertThat(roundTrip(c, "still")).isEqualTo("still");
  }

  @Test
  void refusesNonLoopbackTargetsAndBadPorts() {
    assertThatThrownBy(() -> FaultProxy.start("192.0.2.1", 5432))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> FaultProxy.start("127.0.0.1", 65_536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blackHoleHoldsEverySocketOpenAndForwardsNothingUntilHealed() throws IOException {
    Target target = target(true);
    FaultProxy proxy = proxyTo(target);
    Socket old = connect(proxy);
    assertThat(roundTrip(old, "before")).isEqualTo("before");

    proxy.blackHole();
    send(old, "lost?");
    assertNothingArrives(old);
    Socket fresh = connect(proxy);
    send(fresh, "early");
    assertNothingArrives(fresh);
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.accepted() == 2);
    assertThat(proxy.openConnections()).isEqualTo(2);
    assertThat(target.connections.get()).as("no upstream connect while black-holed").isEqualTo(1);

    proxy.passThrough();
    assertThat(read(old, 5)).as("held bytes are delivered once healed").isEqualTo("lost?");
    assertThat(read(fresh, 5)).isEqualTo("early");
    assertThat(roundTrip(connect(proxy), "after")).isEqualTo("after");
  }

  @Test
  void resetAllResetsOpenConnectionsAndLetsNewOnesPass() throws IOException {
    FaultProxy proxy = proxyTo(target(true));
    Socket old = connect(proxy);
    assertThat(roundTrip(old, "a")).isEqualTo("a");

    proxy.resetAll();
    old.setSoTimeout(ARRIVE_MILLIS);
    assertThatThrownBy(() -> old.getInputStream().read())
        .isInstanceOf(SocketException.class)
        .isNotInstanceOf(SocketTimeoutException.class);
    assertThat(roundTrip(connect(proxy), "b")).isEqualTo("b");
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);
  }

  @Test
  void failoverLeavesOldConnectionsDeadButOpenAndNewOnesPass() throws IOException {
    FaultProxy proxy = proxyTo(target(true));
    Socket old = connect(proxy);
    assertThat(roundTrip(old, "a")).isEqualTo("a");

    proxy.failover();
    send(old, "gone");
    assertNothingArrives(old);
    Socket fresh = connect(proxy);
    assertThat(roundTrip(fresh, "new")).isEqualTo("new");
    assertThat(proxy.openConnections()).isEqualTo(2);

    proxy.passThrough();
    send(old, "still gone");
    assertNothingArrives(old);

    old.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);
    assertThat(roundTrip(fresh, "ok")).isEqualTo("ok");
  }

  @Test
  void latencyDelaysConnectAndEveryChunk() throws IOException {
    FaultProxy proxy = proxyTo(target(true));
    Duration connect = Duration.ofMillis(200);
    Duration perChunk = Duration.ofMillis(100);
    proxy.latency(connect, perChunk);

    long start = System.nanoTime();
    Socket client = connect(proxy);
    assertThat(roundTrip(client, "slow")).isEqualTo("slow");
    // connect, then one chunk each way: lower bound only
    assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(connect.plus(perChunk).plus(perChunk));

    start = System.nanoTime();
    assertThat(roundTrip(client, "again")).isEqualTo("again");
    assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(perChunk.plus(perChunk));
  }

  @Test
  void bandwidthCapsEachDirection() throws Exception {
    FaultProxy proxy = proxyTo(target(true));
    proxy.bandwidth(1024 * 1024);
    byte[] payload = new byte[256 * 1024];
    new Random(15).nextBytes(payload);

    Socket client = connect(proxy);
    long start = System.nanoTime();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                client.getOutputStream().write(payload);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    byte[] echoed = new byte[payload.length];
    client.setSoTimeout(ARRIVE_MILLIS);
    new DataInputStream(client.getInputStream()).readFully(echoed);
    Duration elapsed = elapsedSince(start);
    writer.get(5, TimeUnit.SECONDS);

    assertThat(echoed).isEqualTo(payload);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void halfOpenClientToServerDropsOnlyThatDirection() throws IOException {
    Target target = target(false);
    FaultProxy proxy = proxyTo(target);
    Socket client = connect(proxy);
    Socket server = target.next();

    proxy.halfOpen(Direction.CLIENT_TO_SERVER);
    send(client, "up");
    assertNothingArrives(server);
    send(server, "down");
    assertThat(read(client, 4)).isEqualTo("down");

    proxy.passThrough();
    assertThat(read(server, 2)).isEqualTo("up");
  }

  @Test
  void halfOpenServerToClientDropsOnlyThatDirection() throws IOException {
    Target target = target(false);
    FaultProxy proxy = proxyTo(target);
    Socket client = connect(proxy);
    Socket server = target.next();

    proxy.halfOpen(Direction.SERVER_TO_CLIENT);
    send(server, "down");
    assertNothingArrives(client);
    send(client, "up");
    assertThat(read(server, 2)).isEqualTo("up");

    proxy.passThrough();
    assertThat(read(client, 4)).isEqualTo("down");
  }

  @Test
  void closeWhileBlackHoledEndsEveryConnectionAndThread() throws Exception {
    Target target = target(true);
    FaultProxy proxy = FaultProxy.start("127.0.0.1", target.port());
    String prefix = "fault-proxy-" + proxy.port() + "-";
    Socket old = connect(proxy);
    assertThat(roundTrip(old, "a")).isEqualTo("a");
    assertThat(proxyThreads(prefix)).isNotEmpty().allMatch(Thread::isDaemon);

    proxy.blackHole();
    send(old, "held");
    Socket fresh = connect(proxy);
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.accepted() == 2);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(proxy::close);
    closing.get(5, TimeUnit.SECONDS);
    proxy.close(); // idempotent

    assertThat(proxyThreads(prefix)).isEmpty();
    assertThat(proxy.openConnections()).isZero();
    old.setSoTimeout(ARRIVE_MILLIS);
    assertThat(readOrEnd(old)).as("closed by the proxy, not hanging").isEqualTo(-1);
    assertThat(readOrEnd(fresh)).isEqualTo(-1);
    assertThatThrownBy(() -> connect(proxy)).isInstanceOf(IOException.class);
  }

  // --- helpers ---

  private Target target(boolean echo) throws IOException {
    Target t = new Target(echo);
    toClose.add(t);
    return t;
  }

  private FaultProxy proxyTo(Target target) {
    FaultProxy proxy = FaultProxy.start("127.0.0.1", target.port());
    toClose.add(proxy);
    return proxy;
  }

  private Socket connect(FaultProxy proxy) throws IOException {
    Socket s = new Socket(proxy.host(), proxy.port());
    toClose.add(s);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    send(s, text);
    return read(s, text.length());
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(US_ASCII));
    out.flush();
  }

  private static String read(Socket s, int length) throws IOException {
    s.setSoTimeout(ARRIVE_MILLIS);
    byte[] bytes = new byte[length];
    new DataInputStream(s.getInputStream()).readFully(bytes);
    return new String(bytes, US_ASCII);
  }

  private static void assertNothingArrives(Socket s) throws IOException {
    s.setSoTimeout(QUIET_MILLIS);
    assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
  }

  /** -1 for end of stream or a reset: either way the proxy let go of the socket. */
  private static int readOrEnd(Socket s) throws IOException {
    try {
      return s.getInputStream().read();
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      return -1;
    }
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static List<Thread> proxyThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .toList();
  }

  /** A server on 127.0.0.1: echoes, or hands each accepted socket to the test. */
  static final class Target implements AutoCloseable {
    private final ServerSocket server;
    private final boolean echo;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    Target(boolean echo) throws IOException {
      this.echo = echo;
      this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      start("target-accept", this::acceptLoop);
    }

    int port() {
      return server.getLocalPort();
    }

    /** The next socket the target accepted (raw mode). */
    Socket next() {
      try {
        Socket s = accepted.poll(ARRIVE_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(s).as("a connection reached the target").isNotNull();
        return s;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        Socket s;
        try {
          s = server.accept();
        } catch (IOException e) {
          return;
        }
        connections.incrementAndGet();
        synchronized (sockets) {
          sockets.add(s);
        }
        if (echo) {
          start("target-echo", () -> echo(s));
        } else {
          accepted.add(s);
        }
      }
    }

    private static void echo(Socket s) {
      byte[] buffer = new byte[8192];
      try (s) {
        int n;
        while ((n = s.getInputStream().read(buffer)) >= 0) {
          s.getOutputStream().write(buffer, 0, n);
        }
      } catch (IOException e) {
        // the test closed it
      }
    }

    private synchronized void start(String name, Runnable body) {
      Thread t = new Thread(body, name);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }

    @Override
    public void close() throws InterruptedException {
      FaultProxy.closeQuietly(server);
      synchronized (sockets) {
        sockets.forEach(FaultProxy::closeQuietly);
      }
      List<Thread> all;
      synchronized (this) {
        all = List.copyOf(threads);
      }
      for (Thread t : all) {
        t.join(1_000);
      }
    }
  }
}

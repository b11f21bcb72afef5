package dev.cistern.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a PostgreSQL or MariaDB server that counts what reaches the
 * network: the <em>round trips</em> (turns: the client sends after the server has answered, so it
 * waited for that answer) and the statements and commands the client sent, by kind ({@link Kind}),
 * read from the wire protocol. Pools pointed at {@link #port()} instead of the server are counted
 * exactly as the server sees them, whatever the driver does lazily or pipelines: pgjdbc, for
 * example, sends {@code BEGIN} in the same flight as the first statement, and MariaDB Connector/J
 * sends {@code set autocommit} as a command of its own.
 *
 * <p>Listens on {@code 127.0.0.1} only; each accepted connection gets two daemon pump threads and a
 * connection of its own to the server. The counts cover every connection, the pool's housekeeping
 * included; {@link #reset()} zeroes them (after the pool is filled and warm, so that logins are not
 * counted). Bytes are forwarded unchanged, so the server sees the pool's own sessions.
 */
public final class WireCounter implements AutoCloseable {
  /** The wire protocol spoken through the proxy. */
  public enum Protocol {
    /** PostgreSQL frontend/backend protocol 3. */
    POSTGRESQL,
    /** MySQL/MariaDB client/server protocol. */
    MARIADB
  }

  /** What a statement or command did, as far as a pool's overhead is concerned. */
  public enum Kind {
    /** {@code BEGIN}/{@code START TRANSACTION}. */
    BEGIN,
    /** {@code COMMIT}. */
    COMMIT,
    /** {@code ROLLBACK} (a reset on return, or a failed transaction). */
    ROLLBACK,
    /** Session settings: {@code SET}, {@code RESET}, {@code DISCARD}, {@code SHOW}, {@code @@}. */
    SET,
    /** A liveness check: an empty query, {@code select 1}, {@code COM_PING}. */
    VALIDATION,
    /** MariaDB {@code COM_RESET_CONNECTION} or {@code COM_CHANGE_USER}. */
    RESET,
    /** MariaDB {@code COM_STMT_PREPARE}. */
    PREPARE,
    /** MariaDB {@code COM_STMT_CLOSE} (no answer, so no round trip). */
    CLOSE_STATEMENT,
    /** The application's own statements (select, insert, update, delete, anything else). */
    WORK
  }

  /**
   * Counts at one moment.
   *
   * @param roundTrips client turns after a server answer, on connections opened before the last
   *     {@link #reset()}
   * @param kinds statements/commands by kind, on those connections
   * @param connects connections opened since the last reset (their traffic, log-in and set-up, is
   *     not in the other counts: it is the pool growing, not work per transaction)
   */
  public record Counts(long roundTrips, Map<Kind, Long> kinds, long connects) {
    /** The count of one kind, 0 if none was seen. */
    public long of(Kind kind) {
      return kinds.getOrDefault(kind, 0L);
    }

    /** The statements and commands that are not the application's own ({@link Kind#WORK}). */
    public long overhead() {
      long n = 0;
      for (Map.Entry<Kind, Long> e : kinds.entrySet()) {
        if (e.getKey() != Kind.WORK && e.getKey() != Kind.CLOSE_STATEMENT) {
          n += e.getValue();
        }
      }
      return n;
    }
  }

  private final String host;
  private final int port;
  private final Protocol protocol;
  private final ServerSocket server;
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile long epoch;
  private final Map<Kind, AtomicLong> kinds = new TreeMap<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Starts listening on an ephemeral loopback port.
   *
   * @param host the server's host (loopback)
   * @param port the server's port
   * @param protocol what the server speaks
   */
  public WireCounter(String host, int port, Protocol protocol) throws IOException {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    for (Kind k : Kind.values()) {
      kinds.put(k, new AtomicLong());
    }
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread accept = new Thread(this::acceptLoop, "wire-counter-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** The loopback port to connect to instead of the server's. */
  public int port() {
    return server.getLocalPort();
  }

  /** The host to connect to: the loopback address this listens on. */
  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  /**
   * Zeroes the counts; from now on only connections already open are counted, and new ones only in
   * {@link Counts#connects()}.
   */
  public void reset() {
    epoch++;
    connects.set(0);
    roundTrips.set(0);
    kinds.values().forEach(a -> a.set(0));
  }

  /** The counts since the last {@link #reset()}. */
  public Counts counts() {
    Map<Kind, Long> m = new TreeMap<>();
    kinds.forEach((k, v) -> m.put(k, v.get()));
    return new Counts(roundTrips.get(), m, connects.get());
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket upstream = new Socket(host, port);
        upstream.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(upstream);
        }
        AtomicBoolean serverSpoke = new AtomicBoolean(true);
        connects.incrementAndGet();
        long born = epoch;
        Parser parser =
            protocol == Protocol.POSTGRESQL ? new PgParser(born) : new MariaParser(born);
        start("wire-counter-up", () -> pump(client, upstream, serverSpoke, parser));
        start("wire-counter-down", () -> pump(upstream, client, serverSpoke, null));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Copies {@code from} to {@code to}. Client to server ({@code parser} set): a read after the
   * server spoke is a new round trip, and the bytes go through the parser. Server to client: marks
   * that the server spoke, before forwarding, so the client's next request sees the mark.
   */
  private void pump(Socket from, Socket to, AtomicBoolean serverSpoke, Parser parser) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (parser != null) {
          boolean counted = parser.born() < epoch; // open before the last reset
          if (serverSpoke.getAndSet(false) && counted) {
            roundTrips.incrementAndGet();
          }
          parser.feed(buf, n, counted);
        } else {
          serverSpoke.set(true);
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // a side closed: close the other side too
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Classifies SQL text by its first word. */
  static Kind classify(String sql) {
    String s = sql.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.equals("select 1")) {
      return Kind.VALIDATION;
    }
    if (s.startsWith("begin") || s.startsWith("start transaction")) {
      return Kind.BEGIN;
    }
    if (s.startsWith("commit")) {
      return Kind.COMMIT;
    }
    if (s.startsWith("rollback")) {
      return Kind.ROLLBACK;
    }
    if (s.startsWith("set ")
        || s.startsWith("reset ")
        || s.startsWith("discard ")
        || s.startsWith("show ")
        || s.startsWith("select @@")) {
      return Kind.SET;
    }
    return Kind.WORK;
  }

  /** Reads the client's side of one connection. */
  private interface Parser {
    /** The reset epoch in which the connection was opened. */
    long born();

    /** Reads {@code n} more bytes; counts the statements if {@code counted}. */
    void feed(byte[] b, int n, boolean counted);
  }

  /** Accumulates bytes and hands complete messages to {@link #message}. */
  private abstract class Framed implements Parser {
    private final long born;
    private byte[] pending = new byte[0];
    private boolean counted;

    Framed(long born) {
      this.born = born;
    }

    @Override
    public long born() {
      return born;
    }

    /** Counts one statement or command, if this connection is counted now. */
    void count(Kind kind) {
      if (counted) {
        kinds.get(kind).incrementAndGet();
      }
    }

    @Override
    public void feed(byte[] b, int n, boolean counted) {
      this.counted = counted;
      byte[] all = new byte[pending.length + n];
      System.arraycopy(pending, 0, all, 0, pending.length);
      System.arraycopy(b, 0, all, pending.length, n);
      int at = 0;
      while (true) {
        int used = message(all, at, all.length - at);
        if (used <= 0) {
          break;
        }
        at += used;
      }
      pending = java.util.Arrays.copyOfRange(all, at, all.length);
    }

    /** Handles the message at {@code at} if complete; returns its length, or 0 if incomplete. */
    abstract int message(byte[] b, int at, int available);

    static int int32(byte[] b, int at) {
      return ((b[at] & 0xff) << 24)
          | ((b[at + 1] & 0xff) << 16)
          | ((b[at + 2] & 0xff) << 8)
          | (b[at + 3] & 0xff);
    }

    /** The NUL-terminated string at {@code at}, and where it ends (in {@code end[0]}). */
    static String cstring(byte[] b, int at, int limit, int[] end) {
      int z = at;
      while (z < limit && b[z] != 0) {
        z++;
      }
      end[0] = z + 1;
      return new String(b, at, z - at, StandardCharsets.UTF_8);
    }
  }

  /**
   * PostgreSQL: untyped start-up messages (SSL/GSS requests, the start-up packet) until protocol
   * 3.0 begins, then typed messages. {@code Execute} counts the query of its portal ({@code Parse}
   * names the statement, {@code Bind} the portal); a simple {@code Query} counts its text.
   */
  private final class PgParser extends Framed {
    private boolean started;

    PgParser(long born) {
      super(born);
    }

    private final Map<String, String> statements = new HashMap<>();
    private final Map<String, String> portals = new HashMap<>();

    @Override
    int message(byte[] b, int at, int available) {
      if (!started) {
        if (available < 8) {
          return 0;
        }
        int len = int32(b, at);
        if (available < len) {
          return 0;
        }
        int code = int32(b, at + 4);
        if (code == 196608) { // protocol 3.0 start-up packet
          started = true;
        }
        return len;
      }
      if (available < 5) {
        return 0;
      }
      int len = int32(b, at + 1) + 1;
      if (available < len) {
        return 0;
      }
      char type = (char) b[at];
      int body = at + 5;
      int limit = at + len;
      int[] end = new int[1];
      switch (type) {
        case 'Q':
          count(classify(cstring(b, body, limit, end)));
          break;
        case 'P':
          {
            String name = cstring(b, body, limit, end);
            String sql = cstring(b, end[0], limit, end);
            statements.put(name, sql);
            break;
          }
        case 'B':
          {
            String portal = cstring(b, body, limit, end);
            String stmt = cstring(b, end[0], limit, end);
            portals.put(portal, statements.getOrDefault(stmt, "?"));
            break;
          }
        case 'E':
          {
            String portal = cstring(b, body, limit, end);
            count(classify(portals.getOrDefault(portal, "?")));
            break;
          }
        default:
          break;
      }
      return len;
    }
  }

  /**
   * MariaDB: packets of a 3-byte length and a sequence number; a packet with sequence 0 from the
   * client starts a command, whose first byte says which.
   */
  private final class MariaParser extends Framed {
    MariaParser(long born) {
      super(born);
    }

    @Override
    int message(byte[] b, int at, int available) {
      if (available < 4) {
        return 0;
      }
      int len = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16);
      if (available < len + 4) {
        return 0;
      }
      int seq = b[at + 3] & 0xff;
      if (seq == 0 && len > 0) {
        int cmd = b[at + 4] & 0xff;
        switch (cmd) {
          case 0x03 -> count(classify(new String(b, at + 5, len - 1, StandardCharsets.UTF_8)));
          case 0x0e -> count(Kind.VALIDATION);
          case 0x11, 0x1f -> count(Kind.RESET);
          case 0x16 -> count(Kind.PREPARE);
          case 0x19 -> count(Kind.CLOSE_STATEMENT);
          case 0x01 -> {} // COM_QUIT
          default -> count(Kind.WORK); // COM_STMT_EXECUTE and the rest
        }
      }
      return len + 4;
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Stops listening and closes every proxied connection. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    synchronized (sockets) {
      sockets.forEach(WireCounter::closeQuietly);
      sockets.clear();
    }
  }
}

package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cistern.DatabaseUrl;
import dev.cistern.testkit.DatabaseKind;
import dev.cistern.testkit.ServerEndpoint;
import dev.cistern.testkit.TestServers;
import dev.cistern.testkit.server.PgBouncer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cistern's PgBouncer console client: against a real PgBouncer (the testkit's fixture in front of
 * the shared PostgreSQL server) and against fake servers in this test that ask for MD5, cleartext
 * or SCRAM authentication, or break off in the middle of a message.
 */
class PgBouncerConsoleTest {
  private static final String USER = "app";
  private static final String PASSWORD = "s3cret-Pw";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ExecutorService SERVERS = Executors.newCachedThreadPool();

  @AfterAll
  static void stopServers() throws InterruptedException {
    SERVERS.shutdownNow();
    assertThat(SERVERS.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** What a fake server does with its one client after reading the startup message. */
  @FunctionalInterface
  interface Script {
    /** Talks to the client; returns what the test wants to see of the conversation. */
    List<String> run(DataInputStream in, DataOutputStream out) throws IOException;
  }

  /** A fake server on 127.0.0.1 for one client; its result holds the startup parameters first. */
  private record FakeServer(ServerSocket socket, Future<List<String>> seen)
      implements AutoCloseable {
    static FakeServer start(Script script) throws IOException {
      ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      ss.setSoTimeout((int) TIMEOUT.toMillis());
      Future<List<String>> f =
          SERVERS.submit(
              () -> {
                try (Socket s = ss.accept()) {
                  s.setSoTimeout((int) TIMEOUT.toMillis());
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  DataOutputStream out = new DataOutputStream(s.getOutputStream());
                  byte[] startup = new byte[in.readInt() - 4];
                  in.readFully(startup);
                  List<String> seen = new ArrayList<>();
                  seen.add(
                      new String(startup, 4, startup.length - 4, StandardCharsets.UTF_8)
                          .replace('\0', '|'));
                  seen.addAll(script.run(in, out));
                  return seen;
                }
              });
      return new FakeServer(ss, f);
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> result() throws Exception {
      return seen.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static void message(DataOutputStream out, char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(4 + body.length);
    out.write(body);
    out.flush();
  }

  private static byte[] auth(int method, byte... extra) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(method >>> 24);
    b.write(method >>> 16);
    b.write(method >>> 8);
    b.write(method);
    b.writeBytes(extra);
    return b.toByteArray();
  }

  private static byte[] cstrings(String... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String p : parts) {
      b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return b.toByteArray();
  }

  /** Reads one client message: its type and body as text (zeros shown as '|'). */
  private static String read(DataInputStream in) throws IOException {
    char type = (char) in.readUnsignedByte();
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    return type + ":" + new String(body, StandardCharsets.UTF_8).replace('\0', '|');
  }

  /** AuthenticationOk, a parameter, the key, ReadyForQuery; then one query and Terminate. */
  private static List<String> loggedIn(DataInputStream in, DataOutputStream out)
      throws IOException {
    message(out, 'R', auth(0));
    message(out, 'S', cstrings("server_version", "1.18.0/bouncer"));
    message(out, 'K', new byte[8]);
    message(out, 'Z', new byte[] {'I'});
    List<String> seen = new ArrayList<>();
    seen.add(read(in)); // the query
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    t.write(0);
    t.write(2); // two columns
    for (String name : List.of("key", "value")) {
      t.writeBytes(cstrings(name));
      t.writeBytes(new byte[18]);
    }
    message(out, 'T', t.toByteArray());
    ByteArrayOutputStream d = new ByteArrayOutputStream();
    d.write(0);
    d.write(2);
    d.writeBytes(new byte[] {0, 0, 0, 15});
    d.writeBytes("max_client_conn".getBytes(StandardCharsets.US_ASCII));
    d.writeBytes(new byte[] {-1, -1, -1, -1}); // NULL
    message(out, 'D', d.toByteArray());
    message(out, 'C', cstrings("SHOW"));
    message(out, 'Z', new byte[] {'I'});
    seen.add(read(in)); // Terminate
    return seen;
  }

  private static String md5Hex(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static PgBouncerConsole connect(int port, String password) throws SQLException {
    return PgBouncerConsole.connect(
        "127.0.0.1", port, USER, password, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void logsInWithMd5AndRunsAQuery() throws Exception {
    byte[] salt = {1, 2, (byte) 0xfe, 4};
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(5, salt));
              String answer = read(in);
              List<String> seen = new ArrayList<>(List.of(answer));
              seen.addAll(loggedIn(in, out));
              return seen;
            })) {
      List<Map<String, String>> rows;
      try (PgBouncerConsole c = connect(server.port(), PASSWORD)) {
        rows = c.query("SHOW CONFIG");
        assertThat(c.toString()).doesNotContain(PASSWORD);
      }
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0)).containsEntry("key", "max_client_conn").containsEntry("value", null);
      List<String> seen = server.result();
      assertThat(seen.get(0)).isEqualTo("user|app|database|pgbouncer|application_name|cistern||");
      // the salt holds 0xfe, which is no UTF-8 text: compare the hash computed on its bytes
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update(md5Hex(PASSWORD + USER).getBytes(StandardCharsets.US_ASCII));
      md.update(salt);
      assertThat(seen.get(1)).isEqualTo("p:md5" + HexFormat.of().formatHex(md.digest()) + "|");
      assertThat(seen.get(2)).isEqualTo("Q:SHOW CONFIG|");
      assertThat(seen.get(3)).isEqualTo("X:");
    }
  }

  @Test
  void md5HashIsTheProtocolsFormula() throws Exception {
    byte[] salt = "abcd".getBytes(StandardCharsets.US_ASCII);
    assertThat(PgBouncerConsole.md5(USER, PASSWORD, salt))
        .isEqualTo("md5" + md5Hex(md5Hex(PASSWORD + USER) + "abcd"))
        .hasSize(35)
        .matches("md5[0-9a-f]{32}");
  }

  @Test
  void logsInWithACleartextPassword() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(3));
              List<String> seen = new ArrayList<>(List.of(read(in)));
              seen.addAll(loggedIn(in, out));
              return seen;
            })) {
      try (PgBouncerConsole c = connect(server.port(), PASSWORD)) {
        assertThat(c.query("SHOW CONFIG")).hasSize(1);
      }
      assertThat(server.result().get(1)).isEqualTo("p:" + PASSWORD + "|");
    }
  }

  @Test
  void aRefusedPasswordIsTheServersErrorWithoutThePassword() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(5, (byte) 9, (byte) 9, (byte) 9, (byte) 9));
              List<String> seen = List.of(read(in));
              message(
                  out,
                  'E',
                  cstrings(
                      "SFATAL", "C28P01", "Mpassword authentication failed for user \"app\"", ""));
              return seen;
            })) {
      assertThatThrownBy(() -> connect(server.port(), PASSWORD))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"))
          .hasMessage("password authentication failed for user \"app\"")
          .hasMessageNotContaining(PASSWORD);
      assertThat(server.result().get(1)).startsWith("p:md5").doesNotContain(PASSWORD);
    }
  }

  @Test
  void aPasswordRequestWithoutPasswordIsAClearError() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(3));
              return List.of();
            })) {
      assertThatThrownBy(() -> connect(server.port(), null))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("asks for a password (authentication method 3) and none is given");
      server.result();
    }
  }

  @Test
  void scramIsAClearErrorNamingTheMethod() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(10, cstrings("SCRAM-SHA-256", "")));
              return List.of();
            })) {
      assertThatThrownBy(() -> connect(server.port(), PASSWORD))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(
              "PgBouncer console at 127.0.0.1:"
                  + server.port()
                  + " asks for authentication method 10, which Cistern's console reader does not"
                  + " speak")
          .hasMessageNotContaining(PASSWORD);
      assertThat(server.result()).hasSize(1);
    }
  }

  @Test
  void aServerThatClosesMidMessageIsAnErrorNotAHang() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              out.writeByte('R');
              out.writeInt(12); // announces 8 bytes, sends 2, closes
              out.write(new byte[] {0, 0});
              out.flush();
              return List.of();
            })) {
      assertThatThrownBy(() -> connect(server.port(), PASSWORD))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("the server closed the connection")
          .hasMessageNotContaining(PASSWORD);
      assertThat(server.result()).hasSize(1);
    }
  }

  @Test
  void aServerThatClosesDuringAQueryIsAnError() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              message(out, 'R', auth(0));
              message(out, 'Z', new byte[] {'I'});
              List<String> seen = List.of(read(in));
              out.writeByte('T');
              out.writeInt(400);
              out.flush();
              return seen;
            })) {
      try (PgBouncerConsole c = connect(server.port(), null)) {
        assertThatThrownBy(() -> c.query("SHOW CONFIG"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("the server closed the connection");
        assertThatThrownBy(() -> c.query("SHOW CONFIG"))
            .as("a failed session is closed")
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("is closed");
      }
      assertThat(server.result()).contains("Q:SHOW CONFIG|");
    }
  }

  @Test
  void aSilentServerIsAnErrorAfterTheReadTimeout() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              in.readUnsignedByte(); // waits for the client to give up and close
              return List.of();
            })) {
      assertThatThrownBy(
              () ->
                  PgBouncerConsole.connect(
                      "127.0.0.1",
                      server.port(),
                      USER,
                      PASSWORD,
                      Duration.ofSeconds(5),
                      Duration.ofMillis(200)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no reply within the read timeout");
      assertThatThrownBy(server::result).hasRootCauseInstanceOf(java.io.EOFException.class);
    }
  }

  @Test
  void anOversizedMessageIsRefusedUnread() throws Exception {
    try (FakeServer server =
        FakeServer.start(
            (in, out) -> {
              out.writeByte('R');
              out.writeInt(Integer.MAX_VALUE);
              out.flush();
              return List.of();
            })) {
      assertThatThrownBy(() -> connect(server.port(), PASSWORD))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("a message of 2147483647 bytes (at most 16777216)");
      server.result();
    }
  }

  @Test
  void nothingListeningIsAConnectionError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> connect(port, PASSWORD))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot connect to the PgBouncer console at 127.0.0.1:" + port)
        .hasMessageNotContaining(PASSWORD);
  }

  /** Against the testkit's real PgBouncer (Debian's 1.18 on this machine). */
  @Nested
  @Tag("slow")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class RealPgBouncer {
    private PgBouncer bouncer;

    /** Skips without PgBouncer or root, except with {@code CI=true}: then it fails. */
    private PgBouncer bouncer() {
      if (bouncer == null) {
        assumeTrue(
            (PgBouncer.isAvailable() && "root".equals(System.getProperty("user.name")))
                || TestServers.shared().isCi(),
            "PgBouncer tests need root and /usr/sbin/pgbouncer (apt-get install pgbouncer)");
        ServerEndpoint target = TestServers.shared().require(DatabaseKind.POSTGRESQL);
        bouncer =
            PgBouncer.builder(target.host(), target.port())
                .mode(PgBouncer.PoolMode.TRANSACTION)
                .defaultPoolSize(7)
                .maxClientConn(150)
                .start();
      }
      return bouncer;
    }

    @AfterAll
    void stop() {
      if (bouncer != null) {
        bouncer.close();
      }
    }

    @Test
    void showConfigHasTheFixturesLimits() throws SQLException {
      PgBouncer b = bouncer();
      try (PgBouncerConsole c = PgBouncerConsole.connect(b.host(), b.port(), "postgres", null)) {
        List<Map<String, String>> config = c.query("SHOW CONFIG");
        assertThat(config)
            .anySatisfy(
                row ->
                    assertThat(row)
                        .containsEntry("key", "max_client_conn")
                        .containsEntry("value", "150"))
            .anySatisfy(
                row ->
                    assertThat(row)
                        .containsEntry("key", "default_pool_size")
                        .containsEntry("value", "7"));
        assertThat(c.query("SHOW VERSION")).singleElement().asString().contains("PgBouncer");
      }
    }

    @Test
    void aConsoleErrorIsAnExceptionWithTheMessageAndTheSessionGoesOn() throws SQLException {
      PgBouncer b = bouncer();
      try (PgBouncerConsole c = PgBouncerConsole.connect(b.host(), b.port(), "postgres", null)) {
        assertThatThrownBy(() -> c.query("SHOW NOSUCHTHING"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("NOSUCHTHING")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isNotBlank());
        assertThat(c.query("SHOW DATABASES"))
            .anySatisfy(row -> assertThat(row).containsEntry("name", "pgbouncer"));
      }
    }

    @Test
    void pgBouncerLimitsReadsThroughTheConsoleOfTheUrl() throws SQLException {
      PgBouncer b = bouncer();
      ServerLimits l =
          new PgBouncerLimits(PgBouncerLimits.console(DatabaseUrl.parse(b.url("test")), null))
              .read("test")
              .orElseThrow();
      assertThat(l.available()).isEqualTo(150);
      assertThat(l.describe())
          .startsWith("pgbouncer max_client_conn 150 available (default_pool_size 7 server");
    }
  }
}

package dev.cistern.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire counter between a raw client and a fake server on loopback: the server answers one byte
 * for each request, and the client waits for that byte, as a driver waits for the server.
 */
class WireCounterTest {
  private ServerSocket fake;
  private Thread fakeThread;

  /** A fake server that answers {@code 'K'} for every chunk it reads. */
  @BeforeEach
  void startFake() throws IOException {
    fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    fakeThread =
        new Thread(
            () -> {
              while (!fake.isClosed()) {
                try {
                  Socket s = fake.accept();
                  Thread t = new Thread(() -> echoOne(s), "fake-conn");
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "fake-accept");
    fakeThread.setDaemon(true);
    fakeThread.start();
  }

  @AfterEach
  void stopFake() throws IOException {
    fake.close();
  }

  private static void echoOne(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      byte[] buf = new byte[8192];
      while (in.read(buf) >= 0) {
        out.write('K');
        out.flush();
      }
    } catch (IOException e) {
      // client gone
    }
  }

  /** Sends one request and waits for the fake server's answer: one round trip. */
  private static void request(Socket s, byte[] bytes) throws IOException {
    s.getOutputStream().write(bytes);
    s.getOutputStream().flush();
    assertThat(s.getInputStream().read()).isEqualTo('K');
  }

  private static byte[] pgStartup() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    byte[] params = "user\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
    d.writeInt(8 + params.length);
    d.writeInt(196608);
    d.write(params);
    return b.toByteArray();
  }

  private static void pgMessage(DataOutputStream d, char type, String... cstrings)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String s : cstrings) {
      body.write(s.getBytes(StandardCharsets.UTF_8));
      body.write(0);
    }
    d.writeByte(type);
    d.writeInt(4 + body.size());
    d.write(body.toByteArray());
  }

  /** Parse, Bind and Execute of {@code sql} on the unnamed statement and portal. */
  private static void pgExtended(DataOutputStream d, String sql) throws IOException {
    pgMessage(d, 'P', "", sql);
    pgMessage(d, 'B', "", "");
    pgMessage(d, 'E', "");
  }

  @Test
  void postgresqlCountsFlightsAndStatementsByKind() throws Exception {
    try (WireCounter w =
            new WireCounter(
                fake.getInetAddress().getHostAddress(),
                fake.getLocalPort(),
                WireCounter.Protocol.POSTGRESQL);
        Socket s = new Socket(w.host(), w.port())) {
      request(s, pgStartup());
      w.reset();

      // BEGIN pipelined with the first statement, then one Sync: one round trip
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(b);
      pgExtended(d, "BEGIN");
      pgExtended(d, "update t set x = x + $1 where id = $2");
      pgMessage(d, 'S');
      request(s, b.toByteArray());
      // a named statement: Parse once, then Bind/Execute by name
      b.reset();
      pgMessage(d, 'P', "S_1", "select x from t where id = $1");
      pgMessage(d, 'B', "", "S_1");
      pgMessage(d, 'E', "");
      pgMessage(d, 'S');
      request(s, b.toByteArray());
      b.reset();
      pgMessage(d, 'B', "", "S_1");
      pgMessage(d, 'E', "");
      pgMessage(d, 'S');
      request(s, b.toByteArray());
      // simple queries: COMMIT, an empty validation query, a SET
      b.reset();
      pgMessage(d, 'Q', "COMMIT");
      request(s, b.toByteArray());
      b.reset();
      pgMessage(d, 'Q', "");
      request(s, b.toByteArray());
      b.reset();
      pgMessage(d, 'Q', "SET application_name = 'x'");
      request(s, b.toByteArray());

      WireCounter.Counts c = w.counts();
      assertThat(c.roundTrips()).isEqualTo(6);
      assertThat(c.of(WireCounter.Kind.BEGIN)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.WORK)).isEqualTo(3);
      assertThat(c.of(WireCounter.Kind.COMMIT)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.VALIDATION)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.SET)).isEqualTo(1);
      assertThat(c.overhead()).isEqualTo(4);
      assertThat(c.connects()).isZero();
    }
  }

  @Test
  void aConnectionOpenedAfterTheResetCountsOnlyAsAConnect() throws Exception {
    try (WireCounter w =
            new WireCounter(
                fake.getInetAddress().getHostAddress(),
                fake.getLocalPort(),
                WireCounter.Protocol.POSTGRESQL);
        Socket before = new Socket(w.host(), w.port())) {
      request(before, pgStartup());
      w.reset();
      try (Socket after = new Socket(w.host(), w.port())) {
        request(after, pgStartup());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        pgMessage(new DataOutputStream(b), 'Q', "SET extra_float_digits = 3");
        request(after, b.toByteArray());
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      pgMessage(new DataOutputStream(b), 'Q', "select 2");
      request(before, b.toByteArray());

      WireCounter.Counts c = w.counts();
      assertThat(c.connects()).isEqualTo(1);
      assertThat(c.roundTrips()).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.WORK)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.SET)).isZero();
    }
  }

  private static byte[] mariaCommand(int seq, int command, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    int len = 1 + t.length;
    byte[] p = new byte[4 + len];
    p[0] = (byte) len;
    p[1] = (byte) (len >>> 8);
    p[2] = (byte) (len >>> 16);
    p[3] = (byte) seq;
    p[4] = (byte) command;
    System.arraycopy(t, 0, p, 5, t.length);
    return p;
  }

  @Test
  void mariadbCountsCommandsByKind() throws Exception {
    try (WireCounter w =
            new WireCounter(
                fake.getInetAddress().getHostAddress(),
                fake.getLocalPort(),
                WireCounter.Protocol.MARIADB);
        Socket s = new Socket(w.host(), w.port())) {
      request(s, mariaCommand(1, 0x00, "handshake response")); // sequence 1: not a command
      w.reset();
      request(s, mariaCommand(0, 0x03, "set autocommit=0"));
      request(s, mariaCommand(0, 0x03, "update t set x = 1"));
      request(s, mariaCommand(0, 0x03, "COMMIT"));
      request(s, mariaCommand(0, 0x0e, ""));
      request(s, mariaCommand(0, 0x1f, ""));
      // prepare and execute pipelined in one write: two commands, one round trip
      byte[] prep = mariaCommand(0, 0x16, "select 2");
      byte[] exec = mariaCommand(0, 0x17, "\1\0\0\0");
      byte[] both = new byte[prep.length + exec.length];
      System.arraycopy(prep, 0, both, 0, prep.length);
      System.arraycopy(exec, 0, both, prep.length, exec.length);
      request(s, both);

      WireCounter.Counts c = w.counts();
      assertThat(c.roundTrips()).isEqualTo(6);
      assertThat(c.of(WireCounter.Kind.SET)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.WORK)).isEqualTo(2);
      assertThat(c.of(WireCounter.Kind.COMMIT)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.VALIDATION)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.RESET)).isEqualTo(1);
      assertThat(c.of(WireCounter.Kind.PREPARE)).isEqualTo(1);
    }
  }

  @Test
  void classifiesSqlByItsFirstWord() {
    assertThat(WireCounter.classify(" begin")).isEqualTo(WireCounter.Kind.BEGIN);
    assertThat(WireCounter.classify("START TRANSACTION")).isEqualTo(WireCounter.Kind.BEGIN);
    assertThat(WireCounter.classify("rollback")).isEqualTo(WireCounter.Kind.ROLLBACK);
    assertThat(WireCounter.classify("select @@tx_isolation")).isEqualTo(WireCounter.Kind.SET);
    assertThat(WireCounter.classify("DISCARD ALL")).isEqualTo(WireCounter.Kind.SET);
    assertThat(WireCounter.classify("SELECT 1")).isEqualTo(WireCounter.Kind.VALIDATION);
    assertThat(WireCounter.classify("insert into h values (1)")).isEqualTo(WireCounter.Kind.WORK);
    assertThat(WireCounter.classify("settle_accounts()")).isEqualTo(WireCounter.Kind.WORK);
  }
}

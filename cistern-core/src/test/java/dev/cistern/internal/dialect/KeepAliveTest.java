package dev.cistern.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cistern.Engine;
import dev.cistern.SqlConnection;
import dev.cistern.testkit.MariaDb;
import dev.cistern.testkit.Postgres;
import dev.cistern.testkit.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * TCP keepalive tuned so that a peer gone silent is found dead within about a minute, not the
 * operating system's two hours: the sockets {@link KeepAliveSocketFactory} makes for pgjdbc, the
 * properties MariaDB Connector/J gets, and, on the real servers, the keepalive timer the kernel
 * runs on an engine's connection (read with {@code ss}).
 */
class KeepAliveTest {
  private static final boolean LINUX =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");

  @Test
  void theFactorysSocketsHaveKeepaliveOnAndTuned() throws IOException {
    try (Socket s = new KeepAliveSocketFactory().createSocket()) {
      assertThat(s.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
      assertThat(s.isConnected()).isFalse();
      if (s.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
        assertThat(s.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(30);
        assertThat(s.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
        assertThat(s.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
      } else {
        assertThat(LINUX).as("Linux has the three options").isFalse();
      }
    }
  }

  @Test
  void everyConnectingFormConnectsATunedSocket() throws IOException {
    KeepAliveSocketFactory f = new KeepAliveSocketFactory();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
      int port = server.getLocalPort();
      Socket[] sockets = {
        f.createSocket(loopback.getHostAddress(), port),
        f.createSocket(loopback, port),
        f.createSocket(loopback.getHostAddress(), port, loopback, 0),
        f.createSocket(loopback, port, loopback, 0)
      };
      for (Socket s : sockets) {
        try (s) {
          assertThat(s.isConnected()).isTrue();
          assertThat(s.getPort()).isEqualTo(port);
          assertThat(s.getKeepAlive()).isTrue();
        }
      }
    }
  }

  @Test
  void aRefusedConnectLeavesNoSocketOpenAndSaysWhy() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KeepAliveSocketFactory().createSocket("127.0.0.1", closedPort))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void onlyADriverThatSeesThisVeryClassCanUseIt() throws Exception {
    assertThat(KeepAliveSocketFactory.usableBy(null)).isFalse();
    assertThat(KeepAliveSocketFactory.usableBy(String.class))
        .as("the boot loader does not see Cistern")
        .isFalse();
    assertThat(KeepAliveSocketFactory.usableBy(KeepAliveTest.class)).isTrue();
    assertThat(KeepAliveSocketFactory.usableBy(Class.forName("org.postgresql.Driver"))).isTrue();
    // a driver in a loader of its own that cannot see Cistern (an application server's lib)
    URL classes = KeepAliveSocketFactory.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader apart =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> other = Class.forName(KeepAliveSocketFactory.class.getName(), false, apart);
      assertThat(other).isNotSameAs(KeepAliveSocketFactory.class);
      assertThat(KeepAliveSocketFactory.usableBy(other))
          .as("a second copy of the class is not the one whose sockets we mean")
          .isFalse();
    }
  }

  @Test
  void theLastSocketMadeOnAThreadIsTakenOnce() throws IOException {
    KeepAliveSocketFactory.takeLast();
    assertThat(KeepAliveSocketFactory.takeLast()).isNull();
    try (Socket a = new KeepAliveSocketFactory().createSocket();
        Socket b = new KeepAliveSocketFactory().createSocket()) {
      assertThat(KeepAliveSocketFactory.takeLast()).isSameAs(b);
      assertThat(KeepAliveSocketFactory.takeLast()).isNull();
      assertThat(a.isClosed()).isFalse();
    }
  }

  @Test
  void pgjdbcGetsTheFactoryUnlessTheUrlNamesItsOwn() {
    Dialect pg = Dialects.find("postgresql").orElseThrow();
    NetworkTimeouts t = NetworkTimeouts.forEngine(java.time.Duration.ofSeconds(30), null);
    Properties p = new Properties();
    pg.applyNetworkTimeouts(dev.cistern.DatabaseUrl.parse("postgresql://h/db"), p, t);
    assertThat(p.getProperty("socketFactory")).isEqualTo(KeepAliveSocketFactory.class.getName());
    assertThat(p.getProperty("tcpKeepAlive")).isEqualTo("true");

    Properties own = new Properties();
    own.setProperty("socketFactory", "com.example.Mine");
    pg.applyNetworkTimeouts(dev.cistern.DatabaseUrl.parse("postgresql://h/db"), own, t);
    assertThat(own.getProperty("socketFactory")).isEqualTo("com.example.Mine");
  }

  @Test
  void mariadbConnectorGetsItsOwnThreeOptionsUnlessTheUrlSetsThem() {
    Dialect maria = Dialects.find("mariadb").orElseThrow();
    NetworkTimeouts t = NetworkTimeouts.forEngine(java.time.Duration.ofSeconds(30), null);
    Properties p = new Properties();
    maria.applyNetworkTimeouts(dev.cistern.DatabaseUrl.parse("mariadb://h/db"), p, t);
    assertThat(p)
        .containsEntry("socketFactory", KeepAliveSocketFactory.class.getName())
        .containsEntry("tcpKeepAlive", "true")
        .containsEntry("tcpKeepIdle", "30")
        .containsEntry("tcpKeepInterval", "10")
        .containsEntry("tcpKeepCount", "3");
    Properties own = new Properties();
    own.setProperty("tcpKeepIdle", "120");
    maria.applyNetworkTimeouts(dev.cistern.DatabaseUrl.parse("mariadb://h/db"), own, t);
    assertThat(own).containsEntry("tcpKeepIdle", "120").containsEntry("tcpKeepCount", "3");
  }

  @Test
  void aPostgresConnectionRunsTheShortKeepaliveTimer(@Postgres TestDatabase db) throws Exception {
    checkKeepaliveTimer(db, "select inet_client_port()");
  }

  @Test
  void aMariaDbConnectionRunsTheShortKeepaliveTimer(@MariaDb TestDatabase db) throws Exception {
    checkKeepaliveTimer(
        db,
        "select substring_index(host, ':', -1) from information_schema.processlist"
            + " where id = connection_id()");
  }

  /**
   * Finds the engine's connection's local port (as the server sees the client), then asks the
   * kernel, through {@code ss}, for that socket's timer: keepalive, due within 30 s (the operating
   * system's default would be two hours).
   */
  private static void checkKeepaliveTimer(TestDatabase db, String clientPortSql) throws Exception {
    assumeThat(LINUX).as("ss and its timer column are Linux's").isTrue();
    try (Engine engine = Engine.create(db.cisternUrl());
        SqlConnection c = engine.connect()) {
      String port = String.valueOf(c.execute(clientPortSql).scalar(Object.class));
      String out = ss("sport = :" + port);
      assumeThat(out).as("ss is installed and shows the socket").contains(":" + port);
      Matcher m = Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec|min)").matcher(out);
      assertThat(m.find()).as("a keepalive timer runs on the socket: %s", out).isTrue();
      double seconds =
          Double.parseDouble(m.group(1))
              * (m.group(2).equals("ms") ? 0.001 : m.group(2).equals("min") ? 60 : 1);
      assertThat(seconds).as("keepalive due within 30 s: %s", out).isLessThanOrEqualTo(30.0);
    }
  }

  private static String ss(String filter) throws Exception {
    Path out = Files.createTempFile("cistern-ss", ".txt");
    try {
      Process p;
      try {
        p =
            new ProcessBuilder("ss", "-tno", "state", "established", filter)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
      } catch (IOException e) {
        return ""; // no ss
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}

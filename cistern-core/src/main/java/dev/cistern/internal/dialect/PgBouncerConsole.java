package dev.cistern.internal.dialect;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal client of PostgreSQL's frontend/backend protocol 3.0, simple query only, for
 * PgBouncer's admin console (database {@value PgBouncerLimits#CONSOLE_DATABASE}). pgjdbc cannot be
 * used there: from 42.7.5 on it sends {@code SET extra_float_digits} after login to a server that
 * reports a version below 12, which PgBouncer 1.18's console refuses ("SET failed").
 *
 * <p>It speaks plain TCP (it sends no {@code SSLRequest}: a PgBouncer that demands TLS refuses the
 * login) and the authentication methods trust, cleartext password (3) and MD5 (5); for any other
 * (SCRAM-SHA-256 10, GSS, SSPI, ...) it fails with a message that names the method. Every wait is
 * bounded: connecting by {@link #CONNECT_TIMEOUT}, each read by {@link #READ_TIMEOUT}, a message by
 * {@value #MAX_MESSAGE} bytes and a reply by {@value #MAX_MESSAGES} messages. The password is sent
 * to the server only: no message, log line or {@code toString()} shows it.
 */
public final class PgBouncerConsole implements PgBouncerLimits.Session {
  /** The time to open the TCP connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The longest wait for a byte from the server. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /** The largest message accepted from the server, in bytes (16 MB). */
  public static final int MAX_MESSAGE = 16 * 1024 * 1024;

  /** The most messages one login or one query reply may have. */
  public static final int MAX_MESSAGES = 1_000_000;

  /** The default port of a URL without one: PostgreSQL's, as the URL is what the user wrote. */
  public static final int DEFAULT_PORT = 5432;

  private static final int PROTOCOL_3_0 = 3 << 16;
  private static final String CONNECTION_FAILURE = "08006";
  private static final String PROTOCOL_VIOLATION = "08P01";
  private static final String AUTH_FAILURE = "28000";

  private final String endpoint;
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private boolean closed;

  private PgBouncerConsole(String endpoint, Socket socket) throws IOException {
    this.endpoint = endpoint;
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /**
   * Connects to PgBouncer's console at {@code host:port} as {@code user} and logs in, with the
   * default timeouts.
   *
   * @param password the password for cleartext or MD5 authentication, or null for none
   * @throws SQLException if the connection or the login fails (the message never has the password)
   */
  public static PgBouncerConsole connect(String host, int port, String user, String password)
      throws SQLException {
    return connect(host, port, user, password, CONNECT_TIMEOUT, READ_TIMEOUT);
  }

  /** As {@link #connect(String, int, String, String)}, with the given timeouts. */
  static PgBouncerConsole connect(
      String host,
      int port,
      String user,
      String password,
      Duration connectTimeout,
      Duration readTimeout)
      throws SQLException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    String endpoint = "PgBouncer console at " + host + ":" + port;
    Socket socket = new Socket();
    PgBouncerConsole console = null;
    try {
      socket.connect(new InetSocketAddress(host, port), millis(connectTimeout));
      socket.setSoTimeout(millis(readTimeout));
      socket.setTcpNoDelay(true);
      console = new PgBouncerConsole(endpoint, socket);
      console.login(user, password);
      return console;
    } catch (IOException e) {
      closeQuietly(socket);
      throw console == null
          ? new SQLNonTransientConnectionException(
              "cannot connect to the " + endpoint + ": " + e, CONNECTION_FAILURE, e)
          : console.failure(e);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /**
   * Runs {@code sql} as a simple query and returns the rows of its last result, each a map from
   * column name to text value (null for SQL NULL), in column order.
   *
   * @throws SQLException with the server's message and SQLState for an {@code ErrorResponse}, or if
   *     the connection fails or the reply is not understood
   */
  @Override
  public List<Map<String, String>> query(String sql) throws SQLException {
    if (closed) {
      throw new SQLException("the " + endpoint + " is closed", CONNECTION_FAILURE);
    }
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      cstring(body, sql);
      send('Q', body);
      List<String> columns = List.of();
      List<Map<String, String>> rows = new ArrayList<>();
      SQLException error = null;
      for (int i = 0; i < MAX_MESSAGES; i++) {
        char type = (char) in.readUnsignedByte();
        Body b = new Body(body());
        switch (type) {
          case 'T' -> {
            columns = columns(b);
            rows = new ArrayList<>();
          }
          case 'D' -> rows.add(row(b, columns));
          case 'E' -> error = error(b);
          case 'Z' -> {
            if (error != null) {
              throw error;
            }
            return Collections.unmodifiableList(rows);
          }
          default -> {
            // CommandComplete, EmptyQueryResponse, NoticeResponse, ParameterStatus: nothing to do
          }
        }
      }
      throw protocol("no ReadyForQuery after " + MAX_MESSAGES + " messages");
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Sends {@code Terminate} (best effort) and closes the socket; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.writeByte('X');
      out.writeInt(4);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the server may be gone already: closing is all that is left
    } finally {
      closeQuietly(socket);
    }
  }

  /** Sends the startup message, answers the authentication request and waits for ReadyForQuery. */
  private void login(String user, String password) throws IOException, SQLException {
    ByteArrayOutputStream startup = new ByteArrayOutputStream();
    for (String s :
        List.of(
            "user",
            user,
            "database",
            PgBouncerLimits.CONSOLE_DATABASE,
            "application_name",
            "cistern")) {
      cstring(startup, s);
    }
    startup.write(0);
    out.writeInt(8 + startup.size());
    out.writeInt(PROTOCOL_3_0);
    startup.writeTo(out);
    out.flush();
    boolean answered = false;
    for (int i = 0; i < MAX_MESSAGES; i++) {
      char type = (char) in.readUnsignedByte();
      Body b = new Body(body());
      switch (type) {
        case 'R' -> {
          int method = b.int32();
          switch (method) {
            case 0 -> {
              // AuthenticationOk
            }
            case 3 -> {
              requirePassword(password, method, answered);
              answered = true;
              sendPassword(password);
            }
            case 5 -> {
              requirePassword(password, method, answered);
              answered = true;
              sendPassword(md5(user, password, b.bytes(4)));
            }
            default ->
                throw new SQLNonTransientConnectionException(
                    "the "
                        + endpoint
                        + " asks for authentication method "
                        + method
                        + ", which Cistern's console reader does not speak (it speaks trust,"
                        + " cleartext password and md5)",
                    AUTH_FAILURE);
          }
        }
        case 'E' -> throw error(b);
        case 'Z' -> {
          return;
        }
        default -> {
          // ParameterStatus, BackendKeyData, NoticeResponse: nothing to do
        }
      }
    }
    throw protocol("no ReadyForQuery after " + MAX_MESSAGES + " login messages");
  }

  private void requirePassword(String password, int method, boolean answered) throws SQLException {
    if (answered) {
      throw protocol("the server asked for a password twice");
    }
    if (password == null) {
      throw new SQLNonTransientConnectionException(
          "the "
              + endpoint
              + " asks for a password (authentication method "
              + method
              + ") and none is given",
          AUTH_FAILURE);
    }
  }

  private void sendPassword(String password) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    cstring(body, password);
    send('p', body);
  }

  /** Returns {@code "md5" + md5hex(md5hex(password + user) + salt)}, as the server expects. */
  static String md5(String user, String password, byte[] salt) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      HexFormat hex = HexFormat.of();
      md.update(password.getBytes(StandardCharsets.UTF_8));
      md.update(user.getBytes(StandardCharsets.UTF_8));
      byte[] inner = hex.formatHex(md.digest()).getBytes(StandardCharsets.US_ASCII);
      md.update(inner);
      md.update(salt);
      return "md5" + hex.formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  private void send(char type, ByteArrayOutputStream body) throws IOException {
    out.writeByte(type);
    out.writeInt(4 + body.size());
    body.writeTo(out);
    out.flush();
  }

  /** Reads a message's length and body; a length outside 4..MAX_MESSAGE is refused unread. */
  private byte[] body() throws IOException, SQLException {
    int length = in.readInt();
    if (length < 4 || length > MAX_MESSAGE) {
      throw protocol("a message of " + length + " bytes (at most " + MAX_MESSAGE + ")");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }

  private static List<String> columns(Body b) throws SQLException {
    int n = b.int16();
    List<String> names = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      names.add(b.cstring());
      b.skip(4 + 2 + 4 + 2 + 4 + 2); // table, attribute, type, size, modifier, format
    }
    return names;
  }

  private Map<String, String> row(Body b, List<String> columns) throws SQLException {
    int n = b.int16();
    if (n != columns.size()) {
      throw protocol("a row of " + n + " values for " + columns.size() + " columns");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      int length = b.int32();
      row.put(columns.get(c), length < 0 ? null : b.text(length));
    }
    return Collections.unmodifiableMap(row);
  }

  /** The server's message (field M) and SQLState (field C) of an {@code ErrorResponse}. */
  private SQLException error(Body b) throws SQLException {
    String message = "";
    String state = null;
    while (b.remaining() > 0) {
      int field = b.int8();
      if (field == 0) {
        break;
      }
      String value = b.cstring();
      if (field == 'M') {
        message = value;
      } else if (field == 'C') {
        state = value;
      }
    }
    return new SQLException(message, state);
  }

  private SQLException protocol(String what) {
    return new SQLNonTransientConnectionException(
        "the " + endpoint + " sent a reply Cistern does not understand: " + what,
        PROTOCOL_VIOLATION);
  }

  private SQLException failure(IOException e) {
    String what =
        e instanceof EOFException
            ? "the server closed the connection"
            : e instanceof SocketTimeoutException
                ? "no reply within the read timeout"
                : e.toString();
    close();
    return new SQLNonTransientConnectionException(
        "the " + endpoint + " failed: " + what, CONNECTION_FAILURE, e);
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  private static void cstring(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  @Override
  public String toString() {
    return "PgBouncerConsole[" + endpoint + (closed ? ", closed" : "") + "]";
  }

  /** Reads big-endian integers and strings from a message body; reading past its end fails. */
  private final class Body {
    private final byte[] b;
    private int pos;

    Body(byte[] b) {
      this.b = b;
    }

    int remaining() {
      return b.length - pos;
    }

    private void need(int n) throws SQLException {
      if (n < 0 || n > remaining()) {
        throw protocol("a message shorter than its fields");
      }
    }

    int int8() throws SQLException {
      need(1);
      return b[pos++] & 0xff;
    }

    int int16() throws SQLException {
      need(2);
      int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    int int32() throws SQLException {
      need(4);
      int v =
          ((b[pos] & 0xff) << 24)
              | ((b[pos + 1] & 0xff) << 16)
              | ((b[pos + 2] & 0xff) << 8)
              | (b[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) throws SQLException {
      need(n);
      byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return r;
    }

    void skip(int n) throws SQLException {
      need(n);
      pos += n;
    }

    String text(int length) throws SQLException {
      need(length);
      String s = new String(b, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }

    String cstring() throws SQLException {
      int end = pos;
      while (end < b.length && b[end] != 0) {
        end++;
      }
      if (end == b.length) {
        throw protocol("a string without its terminating zero");
      }
      String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
      pos = end + 1;
      return s;
    }
  }
}

package dev.cistern.testkit.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL wire protocol's simple query cycle, enough for PgBouncer's admin console: a
 * startup packet without password (trust), one {@code Query} message and its rows as text, then
 * {@code Terminate}. pgjdbc cannot talk to PgBouncer 1.18's console: it sends {@code SET
 * extra_float_digits} after login to any server reporting a version below 12, which the console
 * refuses ({@code SET failed}).
 */
final class SimpleQueryClient {
  private static final int PROTOCOL_3_0 = 196_608;
  private static final int MAX_MESSAGE = 64 * 1024 * 1024;

  private SimpleQueryClient() {}

  /** A server's {@code ErrorResponse}, or a reply this client does not understand. */
  static final class ServerError extends IOException {
    private static final long serialVersionUID = 1L;

    ServerError(String message) {
      super(message);
    }
  }

  /**
   * Connects to {@code host:port} as {@code user} to {@code database}, runs {@code sql} and returns
   * the rows of its (last) result, each a map from column name to text value (null for SQL NULL).
   *
   * @throws IOException if the connection fails, the server reports an error or the reply is not
   *     understood
   */
  static List<Map<String, String>> query(
      String host, int port, String user, String database, String sql, Duration timeout)
      throws IOException {
    int millis = Math.toIntExact(timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));

      ByteArrayOutputStream startup = new ByteArrayOutputStream();
      for (String s :
          List.of(
              "user", user, "database", database, "application_name", "cistern-testkit-admin")) {
        cstring(startup, s);
      }
      startup.write(0);
      out.writeInt(8 + startup.size());
      out.writeInt(PROTOCOL_3_0);
      startup.writeTo(out);
      out.flush();
      awaitReady(in);

      ByteArrayOutputStream query = new ByteArrayOutputStream();
      cstring(query, sql);
      out.writeByte('Q');
      out.writeInt(4 + query.size());
      query.writeTo(out);
      out.flush();
      List<Map<String, String>> rows = readResult(in);

      out.writeByte('X');
      out.writeInt(4);
      out.flush();
      return rows;
    }
  }

  /** Reads the login's messages up to {@code ReadyForQuery}; only trust (no password) is known. */
  private static void awaitReady(DataInputStream in) throws IOException {
    for (int i = 0; i < 10_000; i++) {
      char type = (char) in.readUnsignedByte();
      byte[] body = body(in);
      switch (type) {
        case 'R' -> {
          int code = java.nio.ByteBuffer.wrap(body).getInt();
          if (code != 0) {
            throw new ServerError("the server asks for authentication " + code + "; only trust");
          }
        }
        case 'E' -> throw new ServerError(error(body));
        case 'Z' -> {
          return;
        }
        default -> {
          // ParameterStatus, BackendKeyData, NoticeResponse: nothing to do
        }
      }
    }
    throw new ServerError("no ReadyForQuery after 10000 messages");
  }

  private static List<Map<String, String>> readResult(DataInputStream in) throws IOException {
    List<String> columns = List.of();
    List<Map<String, String>> rows = new ArrayList<>();
    ServerError failure = null;
    for (int i = 0; i < 10_000_000; i++) {
      char type = (char) in.readUnsignedByte();
      byte[] body = body(in);
      switch (type) {
        case 'T' -> {
          columns = columns(body);
          rows = new ArrayList<>();
        }
        case 'D' -> rows.add(row(body, columns));
        case 'E' -> failure = new ServerError(error(body));
        case 'Z' -> {
          if (failure != null) {
            throw failure;
          }
          return Collections.unmodifiableList(rows);
        }
        default -> {
          // CommandComplete, EmptyQueryResponse, NoticeResponse, ParameterStatus
        }
      }
    }
    throw new ServerError("no ReadyForQuery after 10000000 messages");
  }

  private static List<String> columns(byte[] body) {
    Reader r = new Reader(body);
    int n = r.int16();
    List<String> names = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      names.add(r.cstring());
      r.skip(4 + 2 + 4 + 2 + 4 + 2); // table, attribute, type, size, modifier, format
    }
    return names;
  }

  private static Map<String, String> row(byte[] body, List<String> columns) throws ServerError {
    Reader r = new Reader(body);
    int n = r.int16();
    if (n != columns.size()) {
      throw new ServerError("a row of " + n + " values for " + columns.size() + " columns");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      int length = r.int32();
      row.put(columns.get(c), length < 0 ? null : r.text(length));
    }
    return Collections.unmodifiableMap(row);
  }

  /** The message and SQLState of an {@code ErrorResponse}. */
  private static String error(byte[] body) {
    Reader r = new Reader(body);
    String message = "";
    String state = "";
    while (r.remaining() > 0) {
      int field = r.byte8();
      if (field == 0) {
        break;
      }
      String value = r.cstring();
      if (field == 'M') {
        message = value;
      } else if (field == 'C') {
        state = value;
      }
    }
    return message + " (SQLState " + state + ")";
  }

  private static byte[] body(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 4 || length > MAX_MESSAGE) {
      throw new ServerError("a message of " + length + " bytes");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
  }

  private static void cstring(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  /** Reads big-endian integers and strings from a message body. */
  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    int remaining() {
      return b.length - pos;
    }

    int byte8() {
      return b[pos++] & 0xff;
    }

    int int16() {
      int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    int int32() {
      int v =
          ((b[pos] & 0xff) << 24)
              | ((b[pos + 1] & 0xff) << 16)
              | ((b[pos + 2] & 0xff) << 8)
              | (b[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    void skip(int n) {
      pos += n;
    }

    String text(int length) {
      String s = new String(b, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }

    String cstring() {
      int end = pos;
      while (end < b.length && b[end] != 0) {
        end++;
      }
      String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
      pos = Math.min(end + 1, b.length);
      return s;
    }
  }
}

package dev.cistern.testkit;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for the parts of Cistern and JDBC URLs. */
final class UrlText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlText() {}

  /**
   * Percent-encodes everything except RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}),
   * as UTF-8.
   */
  static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}

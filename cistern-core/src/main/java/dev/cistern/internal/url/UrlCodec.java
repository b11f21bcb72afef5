package dev.cistern.internal.url;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding and decoding of URL parts, UTF-8, strict about bad escapes. */
public final class UrlCodec {
  /** Characters kept as they are in user names and passwords: only the unreserved ones. */
  public static final String USERINFO_SAFE = "";

  /** Characters kept as they are in a database name or path. */
  public static final String PATH_SAFE = "/:;=~+!$*,";

  /**
   * Characters kept as they are in query keys and values. Not '@': the parser takes {@code
   * ?x=1@host/db} for a password that broke the URL, so rendered values write it as %40.
   */
  public static final String QUERY_SAFE = "/:,+*;!$";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlCodec() {}

  /**
   * Percent-encodes {@code s} as UTF-8, keeping unreserved characters and those in {@code safe}.
   */
  public static String encode(String s, String safe) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128 && (isUnreserved(c) || safe.indexOf(c) >= 0)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      int end = i + 1;
      if (Character.isHighSurrogate(c)
          && end < s.length()
          && Character.isLowSurrogate(s.charAt(end))) {
        end++;
      }
      for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        b.append('%').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
      }
      i = end - 1;
    }
    return b == null ? s : b.toString();
  }

  static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * Decodes {@code %XX} escapes (UTF-8) in {@code input[from, to)}.
   *
   * @param what names the part in the error message, e.g. "the password"
   * @param secret if true, the error points at {@code secretStart} and quotes nothing of the part
   */
  static String decode(String input, int from, int to, String what, boolean secret, int secretStart)
      throws UrlSyntaxException {
    if (input.indexOf('%', from) < 0 || input.indexOf('%', from) >= to) {
      return input.substring(from, to);
    }
    ByteBuffer bytes = ByteBuffer.allocate((to - from) * 4);
    for (int i = from; i < to; i++) {
      char c = input.charAt(i);
      if (c == '%') {
        int hi = i + 1 < to ? Character.digit(input.charAt(i + 1), 16) : -1;
        int lo = i + 2 < to ? Character.digit(input.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          if (secret) {
            throw new UrlSyntaxException(
                secretStart,
                "bad percent-escape in "
                    + what
                    + " at its character "
                    + (i - from + 1)
                    + ": '%' must be followed by two hex digits; write a literal '%' as %25");
          }
          String bad = input.substring(i, Math.min(to, i + 3));
          throw new UrlSyntaxException(
              i,
              "bad percent-escape '"
                  + bad
                  + "' in "
                  + what
                  + ": '%' must be followed by two hex digits; write a literal '%' as %25");
        }
        bytes.put((byte) (hi * 16 + lo));
        i += 2;
      } else {
        int next = input.indexOf('%', i);
        int runEnd = next < 0 || next > to ? to : next;
        bytes.put(StandardCharsets.UTF_8.encode(CharBuffer.wrap(input, i, runEnd)));
        i = runEnd - 1;
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new UrlSyntaxException(
          secret ? secretStart : from,
          "percent-escapes in " + what + " do not form valid UTF-8 text");
    }
  }
}

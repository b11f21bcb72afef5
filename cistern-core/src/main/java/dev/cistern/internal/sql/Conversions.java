package dev.cistern.internal.sql;

import dev.cistern.CisternException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Converts row values for {@link dev.cistern.Row#get(int, Class)}.
 *
 * <ul>
 *   <li>A value that already is of the wanted type is returned as is.
 *   <li>Numbers convert to any number type ({@code Byte}, {@code Short}, {@code Integer}, {@code
 *       Long}, {@code BigInteger}, {@code BigDecimal}, {@code Float}, {@code Double}); to an
 *       integral type only exactly (no overflow, no lost fraction). Text and booleans (0/1) convert
 *       to numbers too.
 *   <li>{@code Boolean} from numbers 0 and 1 and from the text "true", "false", "1", "0".
 *   <li>{@code String} from any value but a byte array or an array (via {@code toString()}).
 *   <li>{@code UUID} from its text form and from 16 bytes (big-endian); {@code byte[]} from a UUID.
 *   <li>Date and time types: see {@link TemporalConversions}.
 *   <li>Arrays ({@code String[]}, {@code Integer[]}, {@code long[]}, ...) and {@code List} from an
 *       SQL array value ({@code Object[]}) or a list, converting each element.
 * </ul>
 *
 * <p>Anything else throws {@link CisternException} naming the column, the value's type and the
 * wanted type. Primitive targets ({@code int.class}) mean their wrapper ({@code Integer}).
 */
public final class Conversions {
  private static final Map<Class<?>, Class<?>> WRAPPERS =
      Map.of(
          boolean.class, Boolean.class,
          byte.class, Byte.class,
          short.class, Short.class,
          int.class, Integer.class,
          long.class, Long.class,
          float.class, Float.class,
          double.class, Double.class,
          char.class, Character.class);

  private Conversions() {}

  /**
   * Converts {@code value} to {@code type}.
   *
   * @param value the value read from the database, or null
   * @param type the wanted type
   * @param column the column for messages, e.g. {@code 'id'} or {@code #2}
   * @return the converted value, or null if {@code value} is null
   * @throws CisternException if the conversion is not supported or would lose information
   */
  @SuppressWarnings("unchecked")
  public static <T> T convert(Object value, Class<T> type, String column) {
    if (value == null) {
      return null;
    }
    Class<?> target = type.isPrimitive() ? WRAPPERS.get(type) : type;
    if (target.isInstance(value)) {
      return (T) value;
    }
    Object result = convertOrNull(value, target, column);
    if (result == null) {
      throw unsupported(value, type, column, null);
    }
    return (T) result;
  }

  private static Object convertOrNull(Object value, Class<?> target, String column) {
    if (target == String.class) {
      return toText(value, column);
    }
    if (Number.class.isAssignableFrom(target)) {
      return toNumber(value, target, column);
    }
    if (target == Boolean.class) {
      return toBoolean(value, column);
    }
    if (target == UUID.class) {
      return toUuid(value, column);
    }
    if (target == byte[].class && value instanceof UUID u) {
      return ByteBuffer.allocate(16)
          .putLong(u.getMostSignificantBits())
          .putLong(u.getLeastSignificantBits())
          .array();
    }
    if (target.isArray() && target != byte[].class) {
      return toArray(value, target, column);
    }
    if (target == List.class || target == Iterable.class || target == java.util.Collection.class) {
      return toList(value);
    }
    return TemporalConversions.convert(value, target, column);
  }

  private static String toText(Object value, String column) {
    if (value instanceof byte[]) {
      throw unsupported(
          value,
          String.class,
          column,
          "bytes have no text form here; read them with getBytes("
              + ref(column)
              + ") and decode them");
    }
    if (value.getClass().isArray()) {
      throw unsupported(
          value,
          String.class,
          column,
          "read an array with get(" + ref(column) + ", String[].class)");
    }
    return value.toString();
  }

  private static Object toNumber(Object value, Class<?> target, String column) {
    BigDecimal exact;
    if (value instanceof Number n) {
      if (isIntegral(n)) {
        return fromLong(n.longValue(), target, value, column);
      }
      if (target == Double.class) {
        return n.doubleValue();
      }
      if (target == Float.class) {
        return toFloat(n.doubleValue(), value, column);
      }
      exact = toBigDecimal(n, column);
    } else if (value instanceof Boolean b) {
      return fromLong(b ? 1 : 0, target, value, column);
    } else if (value instanceof String s) {
      try {
        exact = new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw unsupported(value, target, column, "the text is not a number");
      }
    } else {
      return null;
    }
    if (target == BigDecimal.class) {
      return exact;
    }
    if (target == Double.class) {
      return exact.doubleValue();
    }
    if (target == Float.class) {
      return toFloat(exact.doubleValue(), value, column);
    }
    BigInteger whole;
    try {
      whole = exact.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw lossy(value, target, column, "it has a fraction");
    }
    if (target == BigInteger.class) {
      return whole;
    }
    if (whole.bitLength() > 63) {
      throw lossy(value, target, column, "it is out of range");
    }
    return fromLong(whole.longValue(), target, value, column);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  private static Object fromLong(long v, Class<?> target, Object value, String column) {
    if (target == Long.class) {
      return v;
    }
    if (target == Integer.class) {
      return (int) checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE, target, value, column);
    }
    if (target == Short.class) {
      return (short) checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE, target, value, column);
    }
    if (target == Byte.class) {
      return (byte) checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE, target, value, column);
    }
    if (target == BigInteger.class) {
      return BigInteger.valueOf(v);
    }
    if (target == BigDecimal.class) {
      return BigDecimal.valueOf(v);
    }
    if (target == Double.class) {
      return (double) v;
    }
    if (target == Float.class) {
      return (float) v;
    }
    return null;
  }

  private static long checkRange(
      long v, long min, long max, Class<?> target, Object value, String column) {
    if (v < min || v > max) {
      throw lossy(value, target, column, "it is out of range");
    }
    return v;
  }

  private static Float toFloat(double d, Object value, String column) {
    float f = (float) d;
    if (Float.isInfinite(f) && !Double.isInfinite(d)) {
      throw lossy(value, Float.class, column, "it is out of range");
    }
    return f;
  }

  private static BigDecimal toBigDecimal(Number n, String column) {
    if (n instanceof BigDecimal bd) {
      return bd;
    }
    if (n instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw lossy(n, BigDecimal.class, column, "it is not a finite number");
    }
    return n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(d);
  }

  private static Object toBoolean(Object value, String column) {
    if (value instanceof Number n) {
      if (isIntegral(n) || n instanceof BigDecimal || n instanceof BigInteger) {
        BigDecimal bd = toBigDecimal(n, column);
        if (bd.compareTo(BigDecimal.ZERO) == 0) {
          return Boolean.FALSE;
        }
        if (bd.compareTo(BigDecimal.ONE) == 0) {
          return Boolean.TRUE;
        }
      }
      throw unsupported(value, Boolean.class, column, "only 0 and 1 are booleans");
    }
    if (value instanceof String s) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "1":
          return Boolean.TRUE;
        case "false", "0":
          return Boolean.FALSE;
        default:
          throw unsupported(value, Boolean.class, column, "only true/false and 1/0 are booleans");
      }
    }
    return null;
  }

  private static UUID toUuid(Object value, String column) {
    if (value instanceof String s) {
      try {
        return UUID.fromString(s.trim());
      } catch (IllegalArgumentException e) {
        throw unsupported(value, UUID.class, column, "the text is not a UUID");
      }
    }
    if (value instanceof byte[] b) {
      if (b.length != 16) {
        throw unsupported(value, UUID.class, column, "a UUID needs 16 bytes, not " + b.length);
      }
      ByteBuffer buf = ByteBuffer.wrap(b);
      return new UUID(buf.getLong(), buf.getLong());
    }
    return null;
  }

  private static Object toArray(Object value, Class<?> target, String column) {
    List<?> elements = elements(value);
    if (elements == null) {
      return null;
    }
    Class<?> component = target.getComponentType();
    Object array = Array.newInstance(component, elements.size());
    for (int i = 0; i < elements.size(); i++) {
      Object e = convert(elements.get(i), component, column + "[" + i + "]");
      if (e == null && component.isPrimitive()) {
        throw new CisternException(
            "column "
                + column
                + " has a NULL at index "
                + i
                + "; it cannot go into "
                + target.getSimpleName()
                + ": use "
                + WRAPPERS.get(component).getSimpleName()
                + "[].class");
      }
      Array.set(array, i, e);
    }
    return array;
  }

  private static List<Object> toList(Object value) {
    List<?> elements = elements(value);
    return elements == null ? null : Collections.unmodifiableList(new ArrayList<>(elements));
  }

  private static List<?> elements(Object value) {
    if (value instanceof Object[] a) {
      return Arrays.asList(a);
    }
    if (value instanceof List<?> l) {
      return l;
    }
    if (value.getClass().isArray() && !(value instanceof byte[])) {
      int n = Array.getLength(value);
      List<Object> boxed = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        boxed.add(Array.get(value, i));
      }
      return boxed;
    }
    return null;
  }

  /** Returns the exception for a conversion that is not supported. */
  static CisternException unsupported(Object value, Class<?> target, String column, String why) {
    StringBuilder sb =
        new StringBuilder("cannot convert column ")
            .append(column)
            .append(" to ")
            .append(typeName(target))
            .append(": its value is a ")
            .append(typeName(value))
            .append(preview(value));
    if (why != null) {
      sb.append("; ").append(why);
    } else {
      sb.append("; this conversion is not supported: read the value with get(")
          .append(ref(column))
          .append(") and convert it yourself, or cast it in the SQL");
    }
    return new CisternException(sb.toString());
  }

  /** Turns a column description ({@code 'name'}, {@code #2}) into a getter argument. */
  private static String ref(String column) {
    if (column.length() >= 2 && column.startsWith("'") && column.endsWith("'")) {
      return "\"" + column.substring(1, column.length() - 1) + "\"";
    }
    return column.startsWith("#") ? column.substring(1) : column;
  }

  private static CisternException lossy(Object value, Class<?> target, String column, String why) {
    return unsupported(
        value,
        target,
        column,
        why + " and would not convert exactly; use a wider type such as BigDecimal");
  }

  private static String preview(Object value) {
    if (value.getClass().isArray()) {
      return "";
    }
    String s = String.valueOf(value);
    return " (" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + ")";
  }

  private static String typeName(Object value) {
    return typeName(value.getClass());
  }

  private static String typeName(Class<?> c) {
    return c.isArray() ? typeName(c.getComponentType()) + "[]" : c.getName();
  }
}

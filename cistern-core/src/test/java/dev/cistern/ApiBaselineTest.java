package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code dev.cistern}, recorded in a checked-in listing ({@code
 * src/test/resources/api/dev.cistern.txt}) so that every change to it is deliberate: a type,
 * constructor, method or field added, removed or changed fails this test until the listing is
 * updated in the same commit. To update it, run this test with {@code -Dcistern.api.update=true}
 * and review the diff.
 */
class ApiBaselineTest {
  private static final Path BASELINE = Paths.get("src/test/resources/api/dev.cistern.txt");

  @Test
  void thePublicApiMatchesTheCheckedInListing() throws IOException, URISyntaxException {
    List<String> now = listing();
    if (Boolean.getBoolean("cistern.api.update")) {
      Files.createDirectories(BASELINE.getParent());
      Files.write(BASELINE, now, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(BASELINE))
        .as("%s is missing: run this test with -Dcistern.api.update=true", BASELINE)
        .isTrue();
    List<String> recorded = Files.readAllLines(BASELINE, StandardCharsets.UTF_8);
    List<String> added = new ArrayList<>(now);
    added.removeAll(recorded);
    List<String> removed = new ArrayList<>(recorded);
    removed.removeAll(now);
    assertThat(added)
        .as(
            "public API added but not in %s (run with -Dcistern.api.update=true if deliberate)",
            BASELINE)
        .isEmpty();
    assertThat(removed)
        .as(
            "public API removed or changed against %s (run with -Dcistern.api.update=true if"
                + " deliberate)",
            BASELINE)
        .isEmpty();
  }

  /** Every public or protected member of every public type in dev.cistern, one per line, sorted. */
  static List<String> listing() throws IOException, URISyntaxException {
    Path classes =
        Paths.get(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = classes.resolve("dev/cistern");
    TreeSet<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.list(pkg)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$") || file.equals("package-info.class")) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName("dev.cistern." + file.substring(0, file.length() - 6));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
        describe(c, lines);
      }
    }
    return new ArrayList<>(lines);
  }

  private static void describe(Class<?> c, TreeSet<String> lines) {
    if (!Modifier.isPublic(c.getModifiers())) {
      return;
    }
    String type = c.getName();
    StringBuilder head = new StringBuilder(type).append(": ").append(kind(c));
    if (c.getSuperclass() != null
        && c.getSuperclass() != Object.class
        && !c.isEnum()
        && !c.isRecord()) {
      head.append(" extends ").append(c.getSuperclass().getName());
    }
    for (Class<?> i : c.getInterfaces()) {
      head.append(" implements ").append(i.getName());
    }
    lines.add(head.toString());
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k)) {
        lines.add(type + ": " + k.toGenericString());
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
        lines.add(type + ": " + m.toGenericString());
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (visible(f) && !f.isSynthetic()) {
        lines.add(type + ": " + f.toGenericString());
      }
    }
    for (Class<?> inner : c.getDeclaredClasses()) {
      describe(inner, lines);
    }
  }

  private static String kind(Class<?> c) {
    String mods = Modifier.toString(c.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT);
    String k =
        c.isAnnotation()
            ? "@interface"
            : c.isInterface()
                ? "interface"
                : c.isEnum()
                    ? "enum"
                    : c.isRecord()
                        ? "record"
                        : (Modifier.isAbstract(c.getModifiers()) ? "abstract class" : "class");
    return (mods.isEmpty() ? "" : mods + " ") + k;
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod) || Modifier.isProtected(mod);
  }
}

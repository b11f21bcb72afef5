package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Option} carries its value's type: the compiler checks what goes in and comes out. */
class OptionTypedTest {
  private static final String URL = "h2:mem:option_typed_" + System.nanoTime();

  @Test
  void theEngineHandsBackTypedValues() {
    try (Engine engine =
        Engine.builder(URL + "?closeGrace=2s")
            .option(Option.POOL_SIZE, 10)
            .option(Option.MAX_USES, 7L)
            .optionText(Option.POOL_TIMEOUT, "1500ms")
            .option(Option.POOL_CLASS, PoolClass.NULL)
            .option(Option.SHUTDOWN_HOOK, false)
            .build()) {
      Integer size = engine.option(Option.POOL_SIZE);
      long uses = engine.option(Option.MAX_USES);
      Duration timeout = engine.option(Option.POOL_TIMEOUT);
      PoolClass kind = engine.option(Option.POOL_CLASS);
      assertThat(size).isEqualTo(10);
      assertThat(uses).isEqualTo(7L);
      assertThat(timeout).isEqualTo(Duration.ofMillis(1500));
      assertThat(kind).isEqualTo(PoolClass.NULL);
      assertThat(engine.option(Option.CLOSE_GRACE)).as("from the URL").hasSeconds(2);
      assertThat(engine.option(Option.MAX_OVERFLOW)).as("the default").isEqualTo(10);
      assertThat(engine.option(Option.ISOLATION_LEVEL)).as("unset, no default").isNull();
    }
  }

  @Test
  void nullSetsAnOptionBackToItsDefaultOverTheUrl() {
    try (Engine engine =
        Engine.builder(URL + "?poolSize=3&shutdownHook=false")
            .option(Option.POOL_SIZE, null)
            .build()) {
      assertThat(engine.option(Option.POOL_SIZE)).isEqualTo(5);
    }
  }

  @Test
  void textGoesInThroughItsOwnDoorAndBadTextIsNamed() {
    assertThat(Option.POOL_TIMEOUT.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Option.POOL_USE_LIFO.parse("yes")).isTrue();
    assertThatThrownBy(() -> Engine.builder(URL).optionText(Option.POOL_SIZE, "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be a whole number, was 'ten'");
    assertThatThrownBy(() -> Engine.builder(URL).option(Option.POOL_SIZE, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be >= 0, was -1");
  }

  @Test
  void theTableListsEveryConstantOnceInOrderUnderItsOwnName() throws IllegalAccessException {
    List<Option<?>> declared = new ArrayList<>();
    for (Field f : Option.class.getDeclaredFields()) {
      if (f.getType() == Option.class && Modifier.isPublic(f.getModifiers())) {
        Option<?> o = (Option<?>) f.get(null);
        declared.add(o);
        assertThat(o.name()).isEqualTo(f.getName());
        assertThat(o.toString()).isEqualTo(f.getName());
        assertThat(Option.valueOf(f.getName())).isSameAs(o);
        // the constant's declared type argument is the option's value type
        assertThat(((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0])
            .as(f.getName())
            .isEqualTo(o.type());
        if (o.defaultValue() != null) {
          assertThat(o.type().cast(o.defaultValue())).isNotNull();
        }
      }
    }
    assertThat(Option.values()).containsExactlyElementsOf(declared).hasSize(33);
    Set<String> names = new HashSet<>();
    for (Option<?> o : Option.values()) {
      for (String n : o.names()) {
        assertThat(names.add(n)).as("name %s used once", n).isTrue();
        assertThat(Option.byName(n)).containsSame(o);
      }
    }
    assertThatThrownBy(() -> Option.valueOf("POOLSIZE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POOLSIZE");
    assertThatThrownBy(() -> Option.values().add(Option.ECHO))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aValueOfTheWrongTypeDoesNotCompile(@TempDir Path dir) throws Exception {
    assertThat(
            compile(dir, "b.option(Option.POOL_SIZE, 10); b.optionText(Option.POOL_SIZE, \"10\");"))
        .as("the typed and the text door compile")
        .isEmpty();
    assertThat(compile(dir, "b.option(Option.POOL_SIZE, \"10\");"))
        .contains("incompatible bounds")
        .contains("found:    Option<Integer>,String");
    assertThat(compile(dir, "String s = e.option(Option.POOL_SIZE);"))
        .contains("incompatible types");
    assertThat(compile(dir, "b.option(Option.MAX_USES, 1.5);")).contains("incompatible");
  }

  /** Compiles a snippet with an {@code Engine.Builder b} and an {@code Engine e}; the errors. */
  private static String compile(Path dir, String body) throws Exception {
    Path src = Files.createTempFile(dir, "Snippet", ".java");
    String name = src.getFileName().toString().replace(".java", "");
    Files.writeString(
        src,
        "import dev.cistern.*;\nclass "
            + name
            + " {\n  void run(Engine.Builder b, Engine e) {\n    "
            + body
            + "\n  }\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    boolean ok =
        javac
            .getTask(
                out,
                null,
                null,
                List.of("-d", dir.toString(), "-classpath", classpath(), "-proc:none"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
            .call();
    return ok ? "" : out.toString();
  }

  private static String classpath() throws URISyntaxException {
    return Path.of(Option.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        + File.pathSeparator
        + Path.of(
            org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}

package dev.cistern.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * JUnit 5 extension that hands tests fresh isolated databases ({@link TestDatabase}) and drops them
 * afterwards.
 *
 * <p>A {@code TestDatabase} parameter annotated with {@link Postgres @Postgres}, {@link
 * MariaDb @MariaDb} or {@link H2 @H2} (which register this extension themselves) receives a
 * database of that kind. All such parameters of the same kind within one test, including those of
 * its {@code @BeforeEach} and {@code @AfterEach} methods, share one database, which is dropped
 * after the test (after {@code @AfterEach} methods). Parameters of a constructor or
 * {@code @BeforeAll} method get a database that lives until the class is done. {@link
 * OnEachDatabase @OnEachDatabase} uses this class as its {@link
 * TestTemplateInvocationContextProvider}.
 *
 * <p>Before a test that needs PostgreSQL or MariaDB, the server is probed through {@link
 * TestServers#shared()}: unreachable means skipped, or failed when {@code CI=true}.
 */
public final class DatabaseExtension
    implements ParameterResolver,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestTemplateInvocationContextProvider {
  private static final Namespace NAMESPACE = Namespace.create(DatabaseExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public DatabaseExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class
        && kindOf(parameter.getParameter()) != null;
  }

  @Override
  public TestDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context, kindOf(parameter.getParameter()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    List<Method> methods = new ArrayList<>();
    context.getTestMethod().ifPresent(methods::add);
    context
        .getTestClass()
        .ifPresent(
            c -> {
              HierarchyTraversalMode mode = HierarchyTraversalMode.TOP_DOWN;
              methods.addAll(AnnotationSupport.findAnnotatedMethods(c, BeforeEach.class, mode));
              methods.addAll(AnnotationSupport.findAnnotatedMethods(c, AfterEach.class, mode));
            });
    methods.stream()
        .flatMap(m -> Arrays.stream(m.getParameters()))
        .map(DatabaseExtension::kindOf)
        .filter(k -> k != null && k.isServer())
        .distinct()
        .forEach(k -> TestServers.shared().require(k));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    dropAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    dropAll(context);
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, OnEachDatabase.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    OnEachDatabase each =
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), OnEachDatabase.class)
            .orElseThrow();
    return Arrays.stream(each.value()).distinct().map(Invocation::new);
  }

  /**
   * The database of the given kind for this extension context, created on first use and dropped
   * when the context ends (after each test, or after all tests of a class).
   */
  static TestDatabase database(ExtensionContext context, DatabaseKind kind) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key(context), k -> new Databases(), Databases.class)
        .get(kind);
  }

  private static void dropAll(ExtensionContext context) {
    Databases databases = context.getStore(NAMESPACE).remove(key(context), Databases.class);
    if (databases != null) {
      databases.close();
    }
  }

  private static String key(ExtensionContext context) {
    return "databases@" + context.getUniqueId();
  }

  private static DatabaseKind kindOf(Parameter parameter) {
    if (parameter.isAnnotationPresent(Postgres.class)) {
      return DatabaseKind.POSTGRESQL;
    }
    if (parameter.isAnnotationPresent(MariaDb.class)) {
      return DatabaseKind.MARIADB;
    }
    if (parameter.isAnnotationPresent(H2.class)) {
      return DatabaseKind.H2;
    }
    return null;
  }

  /** The databases one extension context created; closing drops them all. */
  private static final class Databases implements AutoCloseable {
    private final Map<DatabaseKind, TestDatabase> byKind = new EnumMap<>(DatabaseKind.class);

    synchronized TestDatabase get(DatabaseKind kind) {
      return byKind.computeIfAbsent(kind, TestDatabase::create);
    }

    @Override
    public synchronized void close() {
      RuntimeException failure = null;
      for (TestDatabase db : byKind.values()) {
        try {
          db.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      byKind.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** One {@code @OnEachDatabase} invocation: a display name and a resolver for its database. */
  private static final class Invocation implements TestTemplateInvocationContext {
    private final DatabaseKind kind;

    Invocation(DatabaseKind kind) {
      this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + kind.dialect() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new InvocationDatabase(kind));
    }
  }

  /** Resolves unannotated {@code TestDatabase} parameters of one invocation to its kind. */
  private static final class InvocationDatabase implements ParameterResolver, BeforeEachCallback {
    private final DatabaseKind kind;

    InvocationDatabase(DatabaseKind kind) {
      this.kind = kind;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      if (kind.isServer()) {
        TestServers.shared().require(kind);
      }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestDatabase.class
          && kindOf(parameter.getParameter()) == null;
    }

    @Override
    public TestDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return database(context, kind);
    }
  }
}

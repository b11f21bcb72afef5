package dev.cistern.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs nested example test classes through the JUnit engine, and only that way. */
final class InnerTests {
  private static final ThreadLocal<Boolean> RUNNING = ThreadLocal.withInitial(() -> false);

  private InnerTests() {}

  /** Marks an example class that must run only via {@link #run}, never on its own. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(OnlyViaEngineTestKit.class)
  @interface Inner {}

  static EngineExecutionResults run(Class<?> testClass) {
    RUNNING.set(true);
    try {
      return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    } finally {
      RUNNING.set(false);
    }
  }

  /** Disables {@link Inner} classes unless {@link #run} started them. */
  static final class OnlyViaEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return RUNNING.get()
          ? ConditionEvaluationResult.enabled("run via EngineTestKit")
          : ConditionEvaluationResult.disabled("example class, run only via EngineTestKit");
    }
  }
}

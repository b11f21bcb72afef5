package dev.cistern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cistern.testkit.H2;
import dev.cistern.testkit.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A {@link SqlListener} as a tracer: a client span per statement, from {@code beforeExecute} to
 * {@code afterExecute}, marked as an error by {@code handleError}. The example the README points
 * to.
 */
class SqlListenerTracingTest {
  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("db.response.returned_rows");

  /** One span per statement in flight, keyed by connection (a connection runs one at a time). */
  static final class TracingListener implements SqlListener {
    private final Tracer tracer;
    private final String dbSystem;
    private final Map<Long, Span> spans = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> driverFailed = new ConcurrentHashMap<>();

    TracingListener(Tracer tracer, String dbSystem) {
      this.tracer = tracer;
      this.dbSystem = dbSystem;
    }

    @Override
    public void beforeExecute(ExecuteEvent e) {
      String operation = e.sql().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      Span span =
          tracer
              .spanBuilder(operation)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(DB_SYSTEM, dbSystem)
              .setAttribute(DB_QUERY_TEXT, e.sql()) // parameterized: values never go in
              .startSpan();
      spans.put(e.connectionId(), span);
    }

    @Override
    public void handleError(ErrorContext ctx) {
      Span span = spans.get(ctx.connectionId());
      if (span != null) {
        span.recordException(ctx.exception());
        span.setStatus(StatusCode.ERROR, "SQLState " + ctx.exception().getSQLState());
        driverFailed.put(ctx.connectionId(), true);
      }
    }

    @Override
    public void afterExecute(ExecuteEvent e, ExecuteResult r) {
      Span span = spans.remove(e.connectionId());
      if (span == null) {
        return; // added while the statement ran
      }
      boolean described = driverFailed.remove(e.connectionId()) != null;
      if (r.failed() && !described) { // failed before reaching the driver
        span.setStatus(StatusCode.ERROR, r.error().getClass().getSimpleName());
      } else if (r.rowCount() >= 0) {
        span.setAttribute(ROWS, r.rowCount());
      }
      span.end();
    }
  }

  @Test
  void statementsBecomeSpansAndFailuresErrorSpans(@H2 TestDatabase db) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      TracingListener listener = new TracingListener(tracing.get("cistern-test"), "h2");
      try (Engine engine =
              Engine.builder(db.cisternUrl())
                  .name("cistern_sqlhooks_otel_" + Long.toHexString(System.nanoTime()))
                  .poolSize(1, 0)
                  .sqlListener(listener)
                  .build();
          SqlConnection c = engine.connect()) {
        c.execute("create table t (id int)");
        c.execute("insert into t values (:id)", Map.of("id", 42));
        assertThatThrownBy(() -> c.execute("selec broken")).isInstanceOf(StatementException.class);
        c.execute("select id from t").all();
      }
      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertThat(spans)
          .extracting(SpanData::getName)
          .containsExactly("CREATE", "INSERT", "SELEC", "SELECT");
      SpanData insert = spans.get(1);
      assertThat(insert.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(insert.getAttributes().get(DB_SYSTEM)).isEqualTo("h2");
      assertThat(insert.getAttributes().get(DB_QUERY_TEXT)).isEqualTo("insert into t values (?)");
      assertThat(insert.getAttributes().get(ROWS)).isEqualTo(1L);
      assertThat(insert.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      SpanData failed = spans.get(2);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.getStatus().getDescription()).startsWith("SQLState 42");
      assertThat(failed.getEvents()).extracting(e -> e.getName()).contains("exception");
      assertThat(spans.get(3).getAttributes().get(ROWS)).isEqualTo(1L);
    }
  }
}

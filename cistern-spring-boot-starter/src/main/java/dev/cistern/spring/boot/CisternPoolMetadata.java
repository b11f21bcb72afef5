package dev.cistern.spring.boot;

import dev.cistern.CisternDataSource;
import dev.cistern.Engine;
import dev.cistern.Option;
import dev.cistern.PoolStatus;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;

/**
 * The pool of a {@link CisternDataSource} as Spring Boot sees pools: Actuator's {@code
 * jdbc.connections.active/idle/max/min} gauges and the {@code db} health check read it.
 *
 * <p>Counts come from {@link Engine#status()}. A data source whose engine is not built yet reports
 * 0 active and 0 idle connections rather than building it; a closed one reports 0 too. The maximum
 * is {@code poolSize + maxOverflow}, or -1 when either is unlimited ({@code poolSize} 0 or {@code
 * maxOverflow} -1); the minimum is {@code minIdle}. There is no validation query: the health check
 * then uses {@code Connection.isValid}.
 */
public final class CisternPoolMetadata implements DataSourcePoolMetadata {
  private final CisternDataSource dataSource;

  /**
   * Metadata for one data source.
   *
   * @param dataSource the data source
   */
  public CisternPoolMetadata(CisternDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Metadata for a data source that is or wraps a {@link CisternDataSource}, else null (so that
   * another provider may answer).
   *
   * @param dataSource any data source
   * @return the metadata, or null
   */
  public static CisternPoolMetadata of(DataSource dataSource) {
    CisternDataSource cistern = unwrap(dataSource);
    return cistern == null ? null : new CisternPoolMetadata(cistern);
  }

  private static CisternDataSource unwrap(DataSource dataSource) {
    if (dataSource instanceof CisternDataSource cistern) {
      return cistern;
    }
    try {
      if (dataSource != null && dataSource.isWrapperFor(CisternDataSource.class)) {
        return dataSource.unwrap(CisternDataSource.class);
      }
    } catch (SQLException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private PoolStatus status() {
    if (!dataSource.isStarted() || dataSource.isClosed()) {
      return null;
    }
    return dataSource.getEngine().status();
  }

  /** Returns active / max, between 0 and 1, or -1 when the maximum is unlimited. */
  @Override
  public Float getUsage() {
    int max = getMax();
    if (max < 0) {
      return -1f;
    }
    int active = getActive();
    return max == 0 ? 0f : (float) active / max;
  }

  @Override
  public Integer getActive() {
    PoolStatus s = status();
    return s == null ? 0 : s.inUse();
  }

  @Override
  public Integer getIdle() {
    PoolStatus s = status();
    return s == null ? 0 : s.idle();
  }

  @Override
  public Integer getMax() {
    int poolSize = dataSource.getOption(Option.POOL_SIZE);
    int maxOverflow = dataSource.getOption(Option.MAX_OVERFLOW);
    if (poolSize == 0 || maxOverflow < 0) {
      return -1;
    }
    return poolSize + maxOverflow;
  }

  @Override
  public Integer getMin() {
    return dataSource.getOption(Option.MIN_IDLE);
  }

  @Override
  public String getValidationQuery() {
    return null;
  }

  /** Returns null: Cistern leaves auto-commit at the driver's default. */
  @Override
  public Boolean getDefaultAutoCommit() {
    return null;
  }
}

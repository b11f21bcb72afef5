package dev.cistern.internal.sql;

import java.util.List;

/**
 * SQL ready for JDBC: {@code ?} placeholders and their values in order ({@code null} elements are
 * SQL NULL).
 *
 * @param sql the JDBC SQL text, every named parameter replaced by {@code ?}
 * @param values one value per {@code ?}, in order
 */
public record BoundSql(String sql, List<Object> values) {}

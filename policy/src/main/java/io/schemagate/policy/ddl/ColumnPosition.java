package io.schemagate.policy.ddl;

/**
 * MySQL's {@code FIRST} / {@code AFTER col} column placement. {@link #LAST} is the default and
 * the only placement PostgreSQL has.
 *
 * @param kind  where the column goes
 * @param after the column it follows, for {@link Kind#AFTER}
 */
public record ColumnPosition(Kind kind, String after) {
    public enum Kind { LAST, FIRST, AFTER }

    public static final ColumnPosition DEFAULT = new ColumnPosition(Kind.LAST, null);

    public boolean isExplicit() {
        return kind != Kind.LAST;
    }
}

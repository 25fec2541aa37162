package io.schemagate.policy.ddl;

import java.util.List;
import java.util.Objects;

/**
 * A column definition as written in ADD COLUMN, CREATE TABLE or MySQL MODIFY / CHANGE.
 *
 * @param name         column name
 * @param type         the type as written, normalised to lower case ({@code varchar(20)}, {@code bigint})
 * @param notNull      declared NOT NULL (inline NOT NULL constraint)
 * @param defaultValue the DEFAULT expression, or null when there is none
 * @param constraints  inline constraints other than NOT NULL (UNIQUE, PRIMARY KEY, REFERENCES, CHECK)
 * @param generated    GENERATED ... AS (expr) STORED / VIRTUAL, else null
 * @param identity     GENERATED ... AS IDENTITY, serial types, or MySQL AUTO_INCREMENT
 * @param charset      MySQL CHARACTER SET / COLLATE given on the column, else null
 */
public record ColumnDef(String name, String type, boolean notNull, Expression defaultValue,
                        List<ConstraintDef> constraints, Generated generated, boolean identity, String charset) {
    public ColumnDef {
        Objects.requireNonNull(name, "column name must not be null");
        constraints = List.copyOf(constraints);
    }

    /** A generated column: its expression and whether its values are stored. */
    public record Generated(Expression expression, boolean stored) {
    }

    public boolean hasDefault() {
        return defaultValue != null && !defaultValue.isNullLiteral();
    }
}

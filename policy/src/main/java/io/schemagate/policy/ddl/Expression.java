package io.schemagate.policy.ddl;

import java.util.List;
import java.util.Objects;

/**
 * An expression taken from a statement (a column default, a CHECK condition, a USING clause).
 *
 * @param sql           the expression's text as written, so the planner can reuse it verbatim
 * @param volatility    what the analyser could tell without the catalog
 * @param functionNames every function the expression calls, lower case, schema-qualified when written so;
 *                      a catalog can refine {@code volatility} from these
 */
public record Expression(String sql, Volatility volatility, List<String> functionNames) {
    public Expression {
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(volatility, "volatility must not be null");
        functionNames = List.copyOf(functionNames);
    }

    /** True for a bare {@code NULL}, which adds nothing to a new column. */
    public boolean isNullLiteral() {
        return sql.trim().equalsIgnoreCase("null");
    }
}

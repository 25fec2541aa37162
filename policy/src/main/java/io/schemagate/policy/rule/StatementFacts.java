package io.schemagate.policy.rule;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.OperationKind;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What rules match on, read once per statement: check ids, operation kinds, the tables touched
 * (with the schema a session would resolve an unqualified name to), who sent it and when.
 */
public final class StatementFacts {

    /** A table the statement touches; {@code schema} is the effective schema or null when unknown. */
    public record Table(String schema, String name, TableRef ref) {
    }

    private final Subject subject;
    private final Set<String> checkIds;
    private final Set<String> openCheckIds;
    private final Set<OperationKind> kinds;
    private final List<Table> tables;
    private final Instant now;

    /**
     * @param settled check ids the policy itself takes care of (the lock timeout it sets), which do
     *                not keep a statement from being called safe or from being loosened by a rule
     */
    StatementFacts(Subject subject, List<Finding> findings, Set<String> settled, Instant now) {
        this.subject = subject;
        this.now = now;
        this.checkIds = new LinkedHashSet<>();
        findings.forEach(f -> checkIds.add(f.checkId()));
        this.openCheckIds = new LinkedHashSet<>(checkIds);
        openCheckIds.removeAll(settled);
        AnalyzedStatement st = subject.statement();
        this.kinds = EnumSet.noneOf(OperationKind.class);
        st.operations().forEach(op -> kinds.add(op.kind()));
        if (st.statementClass() == StatementClass.UNKNOWN) {
            kinds.add(OperationKind.UNKNOWN);
        }
        this.tables = new ArrayList<>();
        for (Operation op : st.operations()) {
            addTable(op.table());
            if (op instanceof Operation.RenameTable r) {
                addTable(r.newName());
            } else if (op instanceof Operation.Partition p) {
                addTable(p.partition());
            }
        }
    }

    private void addTable(TableRef ref) {
        if (ref == null) {
            return;
        }
        String schema = ref.schema() != null ? ref.schema() : defaultSchema();
        Table t = new Table(schema, ref.name(), ref);
        if (!tables.contains(t)) {
            tables.add(t);
        }
    }

    /**
     * The schema an unqualified table name resolves to. PostgreSQL: {@code public}, the first schema
     * of the default search_path (the gateway does not follow SET search_path). MySQL: the session's
     * current database, which is the schema (unknown when linting files).
     */
    private String defaultSchema() {
        return subject.statement().dialect() == Dialect.POSTGRESQL ? "public" : subject.principal().database();
    }

    public Subject subject() {
        return subject;
    }

    /** Every check id found, including those the policy settles. */
    public Set<String> checkIds() {
        return checkIds;
    }

    /** The check ids found that the policy does not settle by itself. */
    public Set<String> openCheckIds() {
        return openCheckIds;
    }

    public Set<OperationKind> kinds() {
        return kinds;
    }

    public List<Table> tables() {
        return tables;
    }

    public Principal principal() {
        return subject.principal();
    }

    public Instant now() {
        return now;
    }

    public boolean hasPlan() {
        return subject.plan() != null;
    }

    public OptionalLong estimatedRows(Table table) {
        Catalog catalog = subject.catalog();
        return catalog.estimatedRows(table.ref());
    }
}

package io.schemagate.policy.rule;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.OperationKind;
import io.schemagate.policy.ddl.StatementClass;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The conditions of a rule. Every condition given must hold; within one condition any listed value
 * may match; an empty condition holds always. Conditions over the parts of a statement (findings,
 * operations, tables, table sizes) depend on the action: a rule that loosens ({@code allow},
 * {@code rewrite}) must cover <em>every</em> part, a rule that tightens ({@code require_approval},
 * {@code reject}) needs <em>any</em> one. So {@code operations: [add-column]} with {@code allow}
 * does not let an ALTER TABLE that also drops a column through, and an unknown table size never
 * loosens. Findings the policy settles itself ({@code missing-lock-timeout} when it sets a lock
 * timeout) need not be covered.
 *
 * @param roles   role name to the user patterns the policy says belong to it
 * @param unless  conditions that, when they hold, stop this rule from matching (or null)
 * @param annotations annotation keys the statement must carry, non-empty (in {@code /* schemagate: reason="…" *}{@code /});
 *                    used in {@code unless} to require a reason: "reject drops unless they say why"
 */
public record Match(Set<String> checks, Set<OperationKind> operations, List<TablePattern> tables,
                    List<Glob> databases, List<Glob> users, Map<String, List<Glob>> roles,
                    List<Glob> applications, List<AddressRange> addresses, List<TimeWindow> time,
                    Long minRows, Long maxRows, Set<Dialect> dialects, Set<StatementClass> statements,
                    Boolean hasPlan, Match unless, Set<String> annotations) {

    public static final Match ANY = new Match(Set.of(), Set.of(), List.of(), List.of(), List.of(), Map.of(),
            List.of(), List.of(), List.of(), null, null, Set.of(), Set.of(), null, null, Set.of());

    /** Without annotation conditions. */
    public Match(Set<String> checks, Set<OperationKind> operations, List<TablePattern> tables, List<Glob> databases,
                 List<Glob> users, Map<String, List<Glob>> roles, List<Glob> applications, List<AddressRange> addresses,
                 List<TimeWindow> time, Long minRows, Long maxRows, Set<Dialect> dialects, Set<StatementClass> statements,
                 Boolean hasPlan, Match unless) {
        this(checks, operations, tables, databases, users, roles, applications, addresses, time, minRows, maxRows,
                dialects, statements, hasPlan, unless, Set.of());
    }

    public Match {
        checks = Set.copyOf(checks);
        operations = Set.copyOf(operations);
        tables = List.copyOf(tables);
        databases = List.copyOf(databases);
        users = List.copyOf(users);
        roles = Map.copyOf(roles);
        applications = List.copyOf(applications);
        addresses = List.copyOf(addresses);
        time = List.copyOf(time);
        dialects = Set.copyOf(dialects);
        statements = Set.copyOf(statements);
        annotations = annotations == null ? Set.of() : Set.copyOf(annotations);
    }

    /** True when the match has no condition at all, so it matches every statement. */
    public boolean isCatchAll() {
        return this.equals(ANY);
    }

    public boolean matches(StatementFacts f, boolean loosening) {
        return parts(f, loosening) && principal(f) && context(f)
                && (unless == null || !unless.matches(f, !loosening));
    }

    private boolean parts(StatementFacts f, boolean loosening) {
        // A loosening rule must cover every open finding; one the policy settles itself (the lock
        // timeout it sets) need not be listed. A tightening rule may name any finding.
        if (!checks.isEmpty() && !covers(loosening ? f.openCheckIds() : f.checkIds(), checks::contains, loosening)) {
            return false;
        }
        if (!operations.isEmpty() && !covers(f.kinds(), operations::contains, loosening)) {
            return false;
        }
        if (!tables.isEmpty() && !covers(f.tables(),
                t -> tables.stream().anyMatch(p -> p.matches(t.schema(), t.name())), loosening)) {
            return false;
        }
        if (minRows != null || maxRows != null) {
            return covers(f.tables(), t -> sizeFits(f.estimatedRows(t), loosening), loosening);
        }
        return true;
    }

    // Unknown sizes never loosen: a tightening rule takes an unknown table as big enough (or small
    // enough) to count, a loosening one does not.
    private boolean sizeFits(OptionalLong rows, boolean loosening) {
        if (rows.isEmpty()) {
            return !loosening;
        }
        long n = rows.getAsLong();
        return (minRows == null || n >= minRows) && (maxRows == null || n <= maxRows);
    }

    private static <T> boolean covers(Collection<T> parts, Predicate<T> listed, boolean every) {
        if (parts.isEmpty()) {
            return false;
        }
        return every ? parts.stream().allMatch(listed) : parts.stream().anyMatch(listed);
    }

    private boolean principal(StatementFacts f) {
        var p = f.principal();
        if (!databases.isEmpty() && databases.stream().noneMatch(g -> g.matches(p.database()))) {
            return false;
        }
        if (!users.isEmpty() && users.stream().noneMatch(g -> g.matches(p.user()))) {
            return false;
        }
        if (!roles.isEmpty() && roles.values().stream().flatMap(List::stream).noneMatch(g -> g.matches(p.user()))) {
            return false;
        }
        if (!applications.isEmpty() && applications.stream().noneMatch(g -> g.matches(p.applicationName()))) {
            return false;
        }
        return addresses.isEmpty() || addresses.stream().anyMatch(a -> a.contains(p.clientAddress()));
    }

    private boolean context(StatementFacts f) {
        if (!time.isEmpty() && time.stream().noneMatch(w -> w.contains(f.now()))) {
            return false;
        }
        if (!dialects.isEmpty() && !dialects.contains(f.subject().statement().dialect())) {
            return false;
        }
        if (!statements.isEmpty() && !statements.contains(f.subject().statement().statementClass())) {
            return false;
        }
        if (!annotations.isEmpty()) {
            Map<String, String> carried = f.subject().annotations();
            if (!annotations.stream().allMatch(k -> carried.get(k) != null && !carried.get(k).isBlank())) {
                return false;
            }
        }
        return hasPlan == null || hasPlan == f.hasPlan();
    }

    /** Builds a match in code (tests, programmatic policies); the YAML reader builds the record directly. */
    public static final class Builder {
        private final java.util.Set<String> checks = new java.util.LinkedHashSet<>();
        private final java.util.Set<OperationKind> operations = java.util.EnumSet.noneOf(OperationKind.class);
        private final java.util.List<TablePattern> tables = new java.util.ArrayList<>();
        private final java.util.List<Glob> databases = new java.util.ArrayList<>();
        private final java.util.List<Glob> users = new java.util.ArrayList<>();
        private final java.util.Map<String, List<Glob>> roles = new java.util.LinkedHashMap<>();
        private final java.util.List<Glob> applications = new java.util.ArrayList<>();
        private final java.util.List<AddressRange> addresses = new java.util.ArrayList<>();
        private final java.util.List<TimeWindow> time = new java.util.ArrayList<>();
        private final java.util.Set<Dialect> dialects = java.util.EnumSet.noneOf(Dialect.class);
        private final java.util.Set<StatementClass> statements = java.util.EnumSet.noneOf(StatementClass.class);
        private Long minRows;
        private Long maxRows;
        private Boolean hasPlan;
        private Match unless;

        public Builder checks(String... ids) { checks.addAll(List.of(ids)); return this; }

        public Builder operations(OperationKind... kinds) { operations.addAll(List.of(kinds)); return this; }

        public Builder tables(String... patterns) {
            for (String p : patterns) {
                tables.add(TablePattern.parse(p));
            }
            return this;
        }

        public Builder databases(String... patterns) { databases.addAll(globs(patterns)); return this; }

        public Builder users(String... patterns) { users.addAll(globs(patterns)); return this; }

        public Builder role(String name, String... members) { roles.put(name, globs(members)); return this; }

        public Builder applications(String... patterns) { applications.addAll(globs(patterns)); return this; }

        public Builder addresses(String... ranges) {
            for (String r : ranges) {
                addresses.add(AddressRange.parse(r));
            }
            return this;
        }

        public Builder time(TimeWindow window) { time.add(window); return this; }

        public Builder minRows(Long n) { minRows = n; return this; }

        public Builder maxRows(Long n) { maxRows = n; return this; }

        public Builder dialects(Dialect... d) { dialects.addAll(List.of(d)); return this; }

        public Builder statements(StatementClass... c) { statements.addAll(List.of(c)); return this; }

        public Builder hasPlan(Boolean b) { hasPlan = b; return this; }

        public Builder unless(Match m) { unless = m; return this; }

        public Match build() {
            return new Match(checks, operations, tables, databases, users, roles, applications, addresses, time,
                    minRows, maxRows, dialects, statements, hasPlan, unless);
        }

        private static List<Glob> globs(String... patterns) {
            return java.util.Arrays.stream(patterns).map(Glob::of).toList();
        }
    }
}

package io.schemagate.config.policy;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.rule.Defaults;
import io.schemagate.policy.rule.PolicyTest;
import io.schemagate.policy.rule.Rule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code tests:} section: statements with the decision the policy's authors expect. */
final class TestReader {

    static final Set<String> KEYS = Set.of("name", "sql", "dialect", "server_version", "user", "database",
            "application", "address", "at", "rows", "expect", "rule");

    private final Nodes nodes;
    private final Problems problems;
    private final List<String> ruleIds;

    TestReader(Nodes nodes, Problems problems, List<Rule> rules) {
        this.nodes = nodes;
        this.problems = problems;
        this.ruleIds = new ArrayList<>(rules.stream().map(Rule::id).toList());
        Arrays.stream(Defaults.Category.values()).forEach(c -> ruleIds.add(c.ruleId()));
    }

    List<PolicyTest> read(YamlNode node) {
        List<PolicyTest> out = new ArrayList<>();
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node, "tests must be a list of cases, each starting with '- sql: ...'");
            return out;
        }
        for (YamlNode item : seq.items()) {
            PolicyTest t = test(item);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private PolicyTest test(YamlNode item) {
        YamlNode.Mapping m = nodes.mapping(item, "a test case", KEYS);
        if (m == null) {
            return null;
        }
        Map<String, YamlNode> e = m.entries();
        if (!e.containsKey("sql") || !e.containsKey("expect")) {
            problems.add(item, "a test case needs sql: (the statements) and expect: (" + String.join(", ", ActionReader.NAMES) + ")");
            return null;
        }
        String sql = nodes.text(e.get("sql"), "sql");
        String expect = nodes.text(e.get("expect"), "expect");
        if (expect != null && !ActionReader.NAMES.contains(expect)) {
            problems.add(e.get("expect"), "expect must be one of " + String.join(", ", ActionReader.NAMES)
                    + Suggest.didYouMean(expect, ActionReader.NAMES) + ", not '" + expect + "'");
            expect = null;
        }
        String rule = e.containsKey("rule") ? nodes.text(e.get("rule"), "rule") : null;
        if (rule != null && !ruleIds.contains(rule)) {
            problems.add(e.get("rule"), "no rule has id '" + rule + "'" + Suggest.didYouMean(rule, ruleIds));
        }
        Dialect dialect = Dialect.POSTGRESQL;
        if (e.containsKey("dialect")) {
            try {
                dialect = Dialect.fromName(String.valueOf(nodes.text(e.get("dialect"), "dialect")));
            } catch (IllegalArgumentException ex) {
                problems.add(e.get("dialect"), ex.getMessage());
            }
        }
        String version = e.containsKey("server_version") ? nodes.text(e.get("server_version"), "server_version") : null;
        if (version != null) {
            try {
                ServerVersion.parse(dialect, version);
            } catch (IllegalArgumentException ex) {
                problems.add(e.get("server_version"), ex.getMessage());
            }
        }
        Instant at = null;
        if (e.containsKey("at")) {
            String text = nodes.text(e.get("at"), "at");
            try {
                at = text == null ? null : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException ex) {
                problems.add(e.get("at"), "at must be a date and time with its offset, like 2026-03-02T10:30:00+01:00, not '" + text + "'");
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        if (e.containsKey("rows")) {
            if (e.get("rows") instanceof YamlNode.Mapping rm) {
                rm.entries().forEach((table, n) -> {
                    Long v = nodes.number(n, "rows of " + table, 0, Long.MAX_VALUE);
                    if (v != null) {
                        rows.put(table, v);
                    }
                });
            } else {
                problems.add(e.get("rows"), "rows must map table names to row counts, e.g. rows: { public.orders: 5000000 }");
            }
        }
        Principal principal = new Principal(opt(e, "user"), opt(e, "database"), opt(e, "address"),
                opt(e, "application"), null);
        String name = e.containsKey("name") ? nodes.text(e.get("name"), "name") : null;
        if (sql == null || expect == null) {
            return null;
        }
        return new PolicyTest(name == null ? oneLine(sql) : name, problems.location(item), sql, dialect, version,
                principal, at, rows, expect, rule);
    }

    private String opt(Map<String, YamlNode> e, String key) {
        return e.containsKey(key) ? nodes.text(e.get(key), key) : null;
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}

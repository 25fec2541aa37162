package io.schemagate.config.policy;

import io.schemagate.policy.rule.Action;
import io.schemagate.policy.rule.Defaults;
import io.schemagate.policy.rule.Glob;
import io.schemagate.policy.rule.Match;
import io.schemagate.policy.rule.Policy;
import io.schemagate.policy.rule.PolicyTest;
import io.schemagate.policy.rule.ProtectedObject;
import io.schemagate.policy.rule.Rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the located YAML tree of a policy file into a {@link Policy}, recording every problem. */
final class PolicyReader {

    static final int VERSION = 1;
    static final Set<String> TOP_KEYS = Set.of("version", "lock_timeout", "defaults", "approvers", "roles",
            "protected", "rules", "tests", "mysql");
    static final Set<String> MYSQL_KEYS = Set.of("local_infile");
    static final Set<String> RULE_KEYS = Set.of("id", "description", "match", "action", "message", "approvals", "wait");
    static final Set<String> DEFAULT_KEYS = Set.of("safe", "unsafe_with_plan", "unsafe_without_plan", "unknown",
            "opaque", "protected", "approvals");
    private static final Set<String> DEFAULT_ACTION_KEYS = Set.of("action", "message", "approvals", "wait");
    private static final Set<String> PROTECTED_KEYS = Set.of("table", "columns");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private final String source;
    private final Nodes nodes;
    private final Problems problems;
    private final KnownChecks checks;

    PolicyReader(String source, Problems problems, KnownChecks checks) {
        this.source = source;
        this.problems = problems;
        this.nodes = new Nodes(problems);
        this.checks = checks;
    }

    Policy read(YamlNode root) {
        YamlNode.Mapping top = nodes.mapping(root, "the policy file", TOP_KEYS);
        if (top == null) {
            return null;
        }
        Map<String, YamlNode> e = top.entries();
        int version = version(top);
        Duration lockTimeout = e.containsKey("lock_timeout") ? duration(e.get("lock_timeout")) : Duration.ofSeconds(2);
        Map<String, List<String>> approvers = groups(e.get("approvers"), "approvers", "approver identities");
        Map<String, List<String>> roles = groups(e.get("roles"), "roles", "database user patterns");
        Map<String, List<Glob>> roleGlobs = new LinkedHashMap<>();
        roles.forEach((k, v) -> roleGlobs.put(k, v.stream().map(Glob::of).toList()));

        YamlNode.Mapping defaultsNode = e.containsKey("defaults")
                ? nodes.mapping(e.get("defaults"), "defaults", DEFAULT_KEYS) : null;
        Map<String, YamlNode> d = defaultsNode == null ? Map.of() : defaultsNode.entries();
        ActionReader base = new ActionReader(nodes, approvers, new Action.RequireApproval(1, List.of(), null));
        Action.RequireApproval defaultApprovals = d.containsKey("approvals")
                ? base.approvals(d.get("approvals"), null) : new Action.RequireApproval(1, List.of(), null);
        ActionReader actions = new ActionReader(nodes, approvers, defaultApprovals);
        Defaults defaults = defaults(d, actions);

        List<ProtectedObject> contracts = e.containsKey("protected") ? contracts(e.get("protected")) : List.of();
        MatchReader matches = new MatchReader(nodes, checks, roleGlobs);
        List<Rule> rules = e.containsKey("rules") ? rules(e.get("rules"), actions, matches) : List.of();
        List<PolicyTest> tests = e.containsKey("tests")
                ? new TestReader(nodes, problems, rules).read(e.get("tests")) : List.of();
        boolean localInfile = e.containsKey("mysql") ? localInfile(e.get("mysql")) : true;
        return new Policy(source, version, rules, defaults, contracts, approvers, roles, lockTimeout, tests, localInfile);
    }

    /** {@code mysql.local_infile: allow | reject}: whether LOAD DATA LOCAL INFILE is relayed. */
    private boolean localInfile(YamlNode node) {
        YamlNode.Mapping m = nodes.mapping(node, "mysql", MYSQL_KEYS);
        YamlNode v = m == null ? null : m.entries().get("local_infile");
        if (v == null) {
            return true;
        }
        String text = nodes.text(v, "mysql.local_infile");
        if (text == null || "allow".equals(text)) {
            return true;
        }
        if (!"reject".equals(text)) {
            problems.add(v, "mysql.local_infile must be allow or reject, not '" + text + "'");
        }
        return false;
    }

    private int version(YamlNode.Mapping top) {
        YamlNode v = top.entries().get("version");
        if (v == null) {
            problems.add(top, "missing 'version: " + VERSION + "' at the top of the policy file");
            return VERSION;
        }
        Integer n = nodes.integer(v, "version", 0, Integer.MAX_VALUE);
        if (n != null && n != VERSION) {
            problems.add(v, "policy format version " + n + " is not supported by this SchemaGate; it reads version " + VERSION);
        }
        return VERSION;
    }

    /** {@code 2s}, {@code 500ms}, {@code 1m}; {@code off} or {@code 0} for no lock timeout. */
    private Duration duration(YamlNode node) {
        String text = nodes.text(node, "lock_timeout");
        if (text == null) {
            return Duration.ofSeconds(2);
        }
        if (text.equals("off") || text.equals("false") || text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            problems.add(node, "lock_timeout must be a duration like 500ms, 2s or 1m (or off), not '" + text + "'");
            return Duration.ofSeconds(2);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private Map<String, List<String>> groups(YamlNode node, String key, String what) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node, key + " must map each name to a list of " + what + ", e.g. " + key
                    + ": { dba: [alice, bob] }");
            return out;
        }
        m.entries().forEach((name, value) -> out.put(name,
                nodes.scalars(value, key + "." + name).stream().map(YamlNode.Scalar::text).toList()));
        return out;
    }

    private Defaults defaults(Map<String, YamlNode> d, ActionReader actions) {
        Defaults b = Defaults.BUILT_IN;
        return new Defaults(
                defaultAction(d, Defaults.Category.SAFE, actions, b.safe()),
                defaultAction(d, Defaults.Category.UNSAFE_WITH_PLAN, actions, b.unsafeWithPlan()),
                defaultAction(d, Defaults.Category.UNSAFE_WITHOUT_PLAN, actions, b.unsafeWithoutPlan()),
                defaultAction(d, Defaults.Category.UNKNOWN, actions, b.unknown()),
                defaultAction(d, Defaults.Category.OPAQUE, actions, b.opaque()),
                defaultAction(d, Defaults.Category.PROTECTED, actions, b.protectedObject()));
    }

    private Action defaultAction(Map<String, YamlNode> d, Defaults.Category category, ActionReader actions,
                                 Action builtIn) {
        YamlNode node = d.get(category.key());
        if (node == null) {
            return builtIn instanceof Action.RequireApproval ? actions.approvals(null, null) : builtIn;
        }
        String owner = "defaults." + category.key();
        Action action;
        if (node instanceof YamlNode.Mapping) {
            YamlNode.Mapping m = nodes.mapping(node, owner, DEFAULT_ACTION_KEYS);
            if (!m.entries().containsKey("action")) {
                problems.add(node, owner + " needs an action: one of " + String.join(", ", ActionReader.NAMES));
                return builtIn;
            }
            action = actions.read(m.entries().get("action"), m.entries(), owner);
        } else {
            action = actions.read(node, Map.of(), owner);
        }
        if (action instanceof Action.Rewrite && category != Defaults.Category.UNSAFE_WITH_PLAN) {
            problems.add(node, owner + " cannot be rewrite: only statements with a staged plan can be rewritten "
                    + "(defaults.unsafe_with_plan)");
            return builtIn;
        }
        return action == null ? builtIn : action;
    }

    private List<ProtectedObject> contracts(YamlNode node) {
        List<ProtectedObject> out = new ArrayList<>();
        for (YamlNode item : nodes.items(node, "protected")) {
            YamlNode.Mapping m = nodes.mapping(item, "a protected entry", PROTECTED_KEYS);
            if (m == null) {
                continue;
            }
            YamlNode t = m.entries().get("table");
            if (t == null) {
                problems.add(item, "a protected entry needs table: (schema.table or table)");
                continue;
            }
            String table = nodes.text(t, "table");
            if (table == null) {
                continue;
            }
            if (table.contains("*") || table.contains("?")) {
                problems.add(t, "protected tables are named exactly, not with patterns: '" + table + "'");
                continue;
            }
            List<String> columns = m.entries().containsKey("columns")
                    ? nodes.scalars(m.entries().get("columns"), "columns").stream().map(YamlNode.Scalar::text).toList()
                    : List.of();
            int dot = table.lastIndexOf('.');
            out.add(dot < 0 ? new ProtectedObject(null, table, columns)
                    : new ProtectedObject(table.substring(0, dot), table.substring(dot + 1), columns));
        }
        return out;
    }

    private List<Rule> rules(YamlNode node, ActionReader actions, MatchReader matches) {
        List<Rule> out = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : null;
        if (items == null) {
            problems.add(node, "rules must be a list of rules, each starting with '- id: ...'");
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            YamlNode.Mapping m = nodes.mapping(item, "a rule", RULE_KEYS);
            if (m == null) {
                continue;
            }
            Map<String, YamlNode> e = m.entries();
            String id = e.containsKey("id") ? nodes.text(e.get("id"), "id") : null;
            if (id == null) {
                problems.add(item, "rule " + (i + 1) + " needs an id: a stable name such as no-drops-in-business-hours");
                id = "rule-" + (i + 1);
            } else if (!RULE_ID.matcher(id).matches()) {
                problems.add(e.get("id"), "rule id '" + id + "' must be lower-case letters, digits, '-', '_' or '.'");
            } else if (seen.containsKey(id)) {
                problems.add(e.get("id"), "rule id '" + id + "' is used twice (first at line " + seen.get(id).line() + ")");
            } else if (id.startsWith("defaults.")) {
                problems.add(e.get("id"), "rule ids starting with 'defaults.' are reserved for the defaults");
            }
            seen.putIfAbsent(id, e.get("id") == null ? item : e.get("id"));
            String owner = "rule '" + id + "'";
            if (!e.containsKey("match")) {
                problems.add(item, owner + " needs match: (write match: {} to match every statement)");
            }
            if (!e.containsKey("action")) {
                problems.add(item, owner + " needs an action: one of " + String.join(", ", ActionReader.NAMES));
            }
            Match match = e.containsKey("match") ? matches.read(e.get("match"), "match") : Match.ANY;
            Action action = e.containsKey("action") ? actions.read(e.get("action"), e, owner) : null;
            String description = e.containsKey("description") ? nodes.text(e.get("description"), "description") : null;
            if (action instanceof Action.Rewrite && Boolean.FALSE.equals(match.hasPlan())) {
                problems.add(e.get("action"), owner + " rewrites only statements with a staged plan, "
                        + "but its match says has_plan: false; it can never apply");
            }
            if (action != null) {
                if (match.isCatchAll() && e.containsKey("match") && i < items.size() - 1) {
                    problems.warn(e.get("match"), owner + " matches every statement, so the rules after it never apply");
                }
                out.add(new Rule(id, description, match, action));
            }
        }
        return out;
    }
}

package io.schemagate.config.policy;

import io.schemagate.policy.rule.Action;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an action with its options ({@code message}, {@code approvals}, {@code wait}) from a rule or
 * a default, and checks the options fit the action.
 */
final class ActionReader {

    static final List<String> NAMES = List.of("allow", "rewrite", "require_approval", "reject");
    static final Set<String> APPROVAL_KEYS = Set.of("count", "groups", "run_by_gateway");

    private final Nodes nodes;
    private final Problems problems;
    private final Map<String, List<String>> approverGroups;
    private final Action.RequireApproval defaultApprovals;

    ActionReader(Nodes nodes, Map<String, List<String>> approverGroups, Action.RequireApproval defaultApprovals) {
        this.nodes = nodes;
        this.problems = nodes.problems();
        this.approverGroups = approverGroups;
        this.defaultApprovals = defaultApprovals;
    }

    /**
     * @param at      the mapping holding {@code action} and its options (or the action name alone,
     *                as in {@code unknown: require_approval})
     * @param owner   "rule 'x'" or "defaults.unknown", for messages
     */
    Action read(YamlNode actionNode, Map<String, YamlNode> options, String owner) {
        String name = nodes.text(actionNode, owner + " action");
        if (name == null) {
            return null;
        }
        if (!NAMES.contains(name)) {
            problems.add(actionNode, "unknown action '" + name + "' for " + owner + Suggest.didYouMean(name, NAMES)
                    + "; use one of " + String.join(", ", NAMES));
            return null;
        }
        String message = options.containsKey("message") ? nodes.text(options.get("message"), "message") : null;
        onlyFor(options, "approvals", name, "require_approval");
        onlyFor(options, "wait", name, "rewrite");
        if (message != null && (name.equals("allow") || name.equals("rewrite"))) {
            problems.add(options.get("message"), "message is shown only when a statement is held or rejected; "
                    + "remove it from this " + name + " " + owner + " or use description:");
        }
        return switch (name) {
            case "allow" -> new Action.Allow();
            case "rewrite" -> new Action.Rewrite(options.containsKey("wait")
                    && Boolean.TRUE.equals(nodes.bool(options.get("wait"), "wait")));
            case "reject" -> new Action.Reject(message);
            default -> approvals(options.get("approvals"), message);
        };
    }

    private void onlyFor(Map<String, YamlNode> options, String key, String action, String wanted) {
        if (options.containsKey(key) && !action.equals(wanted)) {
            problems.add(options.get(key), key + " applies only to action " + wanted + ", not " + action);
        }
    }

    /** {@code approvals: {count: 2, groups: [dba]}}; without it the policy's default approvals apply. */
    Action.RequireApproval approvals(YamlNode node, String message) {
        Action.RequireApproval base = defaultApprovals;
        if (node == null) {
            return new Action.RequireApproval(base.count(), base.groups(), message);
        }
        YamlNode.Mapping m = nodes.mapping(node, "approvals", APPROVAL_KEYS);
        if (m == null) {
            return new Action.RequireApproval(base.count(), base.groups(), message);
        }
        Integer count = m.entries().containsKey("count")
                ? nodes.integer(m.entries().get("count"), "approvals.count", 1, 100) : null;
        List<String> groups = base.groups();
        Set<String> members = new LinkedHashSet<>();
        if (m.entries().containsKey("groups")) {
            List<YamlNode.Scalar> names = nodes.scalars(m.entries().get("groups"), "approvals.groups");
            groups = names.stream().map(YamlNode.Scalar::text).toList();
            for (YamlNode.Scalar g : names) {
                List<String> people = approverGroups.get(g.text());
                if (people == null) {
                    problems.add(g, "approver group '" + g.text() + "' is not declared under approvers:"
                            + Suggest.didYouMean(g.text(), approverGroups.keySet()));
                    return new Action.RequireApproval(base.count(), base.groups(), message);
                }
                members.addAll(people);
            }
        }
        int n = count == null ? base.count() : count;
        if (!groups.isEmpty() && !members.isEmpty() && n > members.size()) {
            problems.add(m.entries().getOrDefault("count", node), "needs " + n + " approvals but groups "
                    + String.join(", ", groups) + " have only " + members.size() + " approver"
                    + (members.size() == 1 ? "" : "s") + "; such a change could never be approved");
        }
        boolean runByGateway = m.entries().containsKey("run_by_gateway")
                && Boolean.TRUE.equals(nodes.bool(m.entries().get("run_by_gateway"), "approvals.run_by_gateway"));
        return new Action.RequireApproval(n, groups, message, runByGateway);
    }
}

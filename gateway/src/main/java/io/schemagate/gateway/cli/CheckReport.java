package io.schemagate.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.policy.Decision;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PlanScript;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints what {@code schemagate check} found, as text for people or JSON for tools. */
final class CheckReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<CheckCommand.Input> inputs;
    private final ServerVersion version;
    private final boolean versionAssumed;
    private final String policy;

    CheckReport(List<CheckCommand.Input> inputs, ServerVersion version, boolean versionAssumed, String policy) {
        this.inputs = inputs;
        this.version = version;
        this.versionAssumed = versionAssumed;
        this.policy = policy;
    }

    void text(PrintStream out) {
        out.println("Judged for " + version + (versionAssumed ? " (assumed: no --server-version given)" : "")
                + " with policy " + policy + ", without a catalog (table sizes unknown).");
        for (CheckCommand.Input in : inputs) {
            for (Judge.Judgement j : in.judgements()) {
                out.println();
                out.println(location(in, j) + ": " + firstLine(j.statement().sql()));
                for (Finding f : j.findings()) {
                    out.println("  " + f.checkId() + ": " + f.message());
                    if (f.help() != null) {
                        out.println("    help: " + f.help());
                    }
                }
                Decision d = j.decision();
                out.println("  decision: " + d.name() + " (rule " + d.ruleId() + ")" + detail(d));
                if (j.plan() != null && !(d instanceof Decision.Allow)) {
                    out.println("  " + planLabel(d) + ": " + j.plan().summary());
                    PlanScript.sql(j.plan()).lines().forEach(l -> out.println("    " + l));
                } else if (j.noPlanWhy() != null && !(d instanceof Decision.Allow)) {
                    out.println("  no staged plan: " + j.noPlanWhy());
                }
            }
        }
        out.println();
        out.println(summary());
    }

    private static String planLabel(Decision d) {
        if (d instanceof Decision.Rewrite) {
            return "staged plan (runs instead)";
        }
        return d instanceof Decision.Reject ? "safe alternative" : "staged plan (runs once approved)";
    }

    private static String detail(Decision d) {
        if (d instanceof Decision.RequireApproval a) {
            return "\n    " + a.message();
        }
        if (d instanceof Decision.Reject r) {
            return "\n    " + r.message();
        }
        return "";
    }

    private String summary() {
        int statements = 0;
        int withFindings = 0;
        Map<String, Integer> decisions = new TreeMap<>();
        for (CheckCommand.Input in : inputs) {
            for (Judge.Judgement j : in.judgements()) {
                statements++;
                withFindings += j.findings().isEmpty() ? 0 : 1;
                decisions.merge(j.decision().name(), 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(PolicyValidateCommand.count(statements, "schema statement")).append(" in ")
                .append(PolicyValidateCommand.count(inputs.size(), "input")).append(", ")
                .append(withFindings).append(" with findings");
        decisions.forEach((k, v) -> sb.append("; ").append(v).append(' ').append(k));
        return sb.toString();
    }

    void json(PrintStream out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("serverVersion", version.toString());
        root.put("serverVersionAssumed", versionAssumed);
        root.put("policy", policy);
        ArrayNode statements = root.putArray("statements");
        for (CheckCommand.Input in : inputs) {
            for (Judge.Judgement j : in.judgements()) {
                ObjectNode s = statements.addObject();
                s.put("file", in.name());
                s.put("line", j.statement().line());
                s.put("column", column(in.text(), j.statement().offset()));
                s.put("sql", j.statement().sql());
                s.put("class", j.statement().statementClass().name().toLowerCase(java.util.Locale.ROOT));
                ArrayNode findings = s.putArray("findings");
                for (Finding f : j.findings()) {
                    ObjectNode fn = findings.addObject();
                    fn.put("check", f.checkId());
                    fn.put("message", f.message());
                    fn.put("help", f.help());
                }
                s.set("decision", decision(j.decision()));
                if (j.noPlanWhy() != null) {
                    s.put("noPlanReason", j.noPlanWhy());
                }
                if (j.plan() == null || j.decision() instanceof Decision.Allow) {
                    s.putNull("plan");
                } else {
                    ObjectNode p = s.putObject("plan");
                    p.put("summary", j.plan().summary());
                    p.put("sql", PlanScript.sql(j.plan()));
                }
            }
        }
        root.put("summary", summary());
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode decision(Decision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", d.name());
        n.put("rule", d.ruleId());
        if (d instanceof Decision.RequireApproval a) {
            n.put("message", a.message());
            n.put("approvals", a.approvals());
            ArrayNode groups = n.putArray("groups");
            a.groups().forEach(groups::add);
        } else if (d instanceof Decision.Reject r) {
            n.put("message", r.message());
            n.put("safeAlternative", r.safeAlternative());
        } else if (d instanceof Decision.Rewrite w) {
            n.put("waitForCompletion", w.waitForCompletion());
        }
        return n;
    }

    private static String location(CheckCommand.Input in, Judge.Judgement j) {
        return in.name() + ":" + j.statement().line() + ":" + column(in.text(), j.statement().offset());
    }

    /** 1-based column of a character offset, counting from the last line break before it. */
    static int column(String text, int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int nl = text.lastIndexOf('\n', o - 1);
        return o - nl;
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl) + " ...";
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}

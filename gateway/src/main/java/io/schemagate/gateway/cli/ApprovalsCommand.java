package io.schemagate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code schemagate approvals list|show|approve|deny}: a thin client of the admin API, so every
 * action goes through the same authentication and audit as a direct API call.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = "List, show, approve and deny held schema changes.",
        subcommands = {ApprovalsCommand.ListChanges.class, ApprovalsCommand.Show.class, ApprovalsCommand.Approve.class,
                ApprovalsCommand.Deny.class})
final class ApprovalsCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalsCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List change requests.")
    static final class ListChanges implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Option(names = "--status", description = "pending, approved, denied, expired or used (default: all).")
        String status;

        @Override
        public Integer call() {
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("GET", "/api/v1/changes" + (status == null ? "" : "?status=" + status), null, n -> {
                out.printf("%-18s %-9s %-12s %-12s %-9s %s%n", "ID", "STATUS", "REQUESTER", "DATABASE", "APPROVALS", "STATEMENT");
                for (JsonNode c : n.path("changes")) {
                    out.printf("%-18s %-9s %-12s %-12s %-9s %s%n", c.path("id").asText(), c.path("status").asText(),
                            c.path("requester").asText(), c.path("database").asText(),
                            c.path("approvals").size() + "/" + c.path("approvals_required").asInt(),
                            c.path("statement").asText().replaceAll("\\s+", " "));
                }
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one change request in full (JSON).")
    static final class Show implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Parameters(paramLabel = "CHANGE_ID")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("GET", "/api/v1/changes/" + id, null, n -> out.println(n.toPrettyString()));
        }
    }

    /** Shared by approve and deny. */
    abstract static class Act implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Parameters(paramLabel = "CHANGE_ID")
        String id;
        @Option(names = "--reason", required = true, description = "Why; recorded in the audit log.")
        String reason;

        abstract String action();

        @Override
        public Integer call() {
            ObjectNode body = JSON.createObjectNode().put("reason", reason);
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("POST", "/api/v1/changes/" + id + "/" + action(), body.toString(),
                    n -> out.printf("%s: %s (%d/%d approvals)%n", n.path("id").asText(), n.path("status").asText(),
                            n.path("approvals").size(), n.path("approvals_required").asInt()));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a change request.")
    static final class Approve extends Act {
        String action() {
            return "approve";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a change request; this ends it.")
    static final class Deny extends Act {
        String action() {
            return "deny";
        }
    }
}

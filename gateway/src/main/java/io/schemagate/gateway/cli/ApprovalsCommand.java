package io.schemagate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    /** Where the admin API is and who is calling. */
    static final class Connection {
        @Option(names = "--url", defaultValue = "${env:SCHEMAGATE_ADMIN_URL:-http://127.0.0.1:9600}",
                description = "Admin API base URL (env SCHEMAGATE_ADMIN_URL; default ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--token", defaultValue = "${env:SCHEMAGATE_TOKEN}",
                description = "Bearer token (default: env SCHEMAGATE_TOKEN).")
        String token;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Sends the call and prints the answer; returns the exit code (0 ok, 1 refused, 2 unreachable or bad usage). */
        int call(String method, String path, String body, java.util.function.Consumer<JsonNode> onSuccess) {
            PrintWriter err = spec.commandLine().getErr();
            if (token == null || token.isBlank()) {
                err.println("schemagate: no token: pass --token or set SCHEMAGATE_TOKEN");
                return 2;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> res;
            try {
                res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("schemagate: cannot reach the admin API at " + url + ": " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
            JsonNode node;
            try {
                node = JSON.readTree(res.body());
            } catch (IOException e) {
                err.println("schemagate: the admin API answered " + res.statusCode() + " with something that is not JSON");
                return 2;
            }
            if (res.statusCode() / 100 != 2) {
                err.println("schemagate: " + res.statusCode() + ": " + node.path("error").asText(res.body()));
                return 1;
            }
            onSuccess.accept(node);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List change requests.")
    static final class ListChanges implements Callable<Integer> {
        @Mixin
        Connection conn;
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
        Connection conn;
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
        Connection conn;
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

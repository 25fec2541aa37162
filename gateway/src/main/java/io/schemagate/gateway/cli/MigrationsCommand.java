package io.schemagate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code schemagate migrations list|show|pause|resume|rollback}: a client of the admin API. */
@Command(name = "migrations", mixinStandardHelpOptions = true, description = "Follow and control staged migrations.",
        subcommands = {MigrationsCommand.ListMigrations.class, MigrationsCommand.Show.class, MigrationsCommand.Pause.class,
                MigrationsCommand.Resume.class, MigrationsCommand.Rollback.class})
final class MigrationsCommand {

    private MigrationsCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List migrations with their progress.")
    static final class ListMigrations implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Option(names = "--state", description = "pending, running, paused, failed, completed, rolling_back or rolled_back.")
        String state;

        @Override
        public Integer call() {
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("GET", "/api/v1/migrations" + (state == null ? "" : "?state=" + state), null, n -> {
                out.printf("%-18s %-12s %-20s %-6s %-28s %s%n", "ID", "STATE", "TABLE", "STEP", "PROGRESS", "STATEMENT");
                for (JsonNode m : n.path("migrations")) {
                    out.printf("%-18s %-12s %-20s %-6s %-28s %s%n", m.path("id").asText(), m.path("state").asText(),
                            table(m), Math.min(m.path("next_step").asInt() + 1, m.path("plan").path("steps").size()) + "/" + m.path("plan").path("steps").size(),
                            progress(m.path("backfill")), m.path("statement").asText().replaceAll("\\s+", " "));
                }
            });
        }
    }

    /** Rows done of the estimate, rate and time to go, for the backfill under way. */
    static String progress(JsonNode b) {
        if (b.isMissingNode() || b.isNull()) {
            return "-";
        }
        long done = b.path("rows_done").asLong();
        long estimate = b.path("rows_estimate").asLong();
        double rate = b.path("rows_per_second").asDouble();
        String eta = rate > 0 && estimate > done ? String.format(" eta %ds", Math.round((estimate - done) / rate)) : "";
        return String.format("%d/%d rows %.0f/s%s", done, estimate, rate, eta);
    }

    private static String table(JsonNode m) {
        JsonNode t = m.path("plan").path("table");
        return (t.hasNonNull("schema") ? t.path("schema").asText() + "." : "") + t.path("name").asText();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one migration in full (JSON).")
    static final class Show implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Parameters(paramLabel = "MIGRATION_ID")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("GET", "/api/v1/migrations/" + id, null, n -> out.println(n.toPrettyString()));
        }
    }

    /** Shared by pause, resume and rollback. */
    abstract static class Act implements Callable<Integer> {
        @Mixin
        AdminConnection conn;
        @Parameters(paramLabel = "MIGRATION_ID")
        String id;

        abstract String action();

        @Override
        public Integer call() {
            PrintWriter out = conn.spec.commandLine().getOut();
            return conn.call("POST", "/api/v1/migrations/" + id + "/" + action(), "{}",
                    n -> out.printf("%s: %s%n", n.path("id").asText(), n.path("state").asText()));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop at the next batch or step boundary.")
    static final class Pause extends Act {
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a paused or failed migration.")
    static final class Resume extends Act {
        String action() {
            return "resume";
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Undo what a stopped migration did, newest step first.")
    static final class Rollback extends Act {
        String action() {
            return "rollback";
        }
    }
}

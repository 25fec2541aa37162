package io.schemagate.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code psql}, for tests about what a person at a terminal sees. */
public final class Psql {

    /** What psql printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Psql() {
    }

    /** {@code psql "<conninfo>" -X -c <command>...} with extra environment (e.g. PGPASSWORD). */
    public static Result run(String conninfo, Map<String, String> env, String... commands) {
        List<String> cmd = new ArrayList<>(List.of("psql", conninfo, "-X", "-v", "ON_ERROR_STOP=1"));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish within 60 s: " + cmd);
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run psql (install postgresql-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running psql", e);
        }
    }
}

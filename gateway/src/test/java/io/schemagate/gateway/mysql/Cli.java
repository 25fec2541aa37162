package io.schemagate.gateway.mysql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code mariadb} command-line client, as a person would, and returns what it printed. */
public final class Cli {

    public record Result(int exitCode, String out) {
    }

    private Cli() {
    }

    public static Result mariadb(int port, String user, String password, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "--no-defaults", "--protocol=tcp", "-h", "127.0.0.1",
                "-P", Integer.toString(port), "-u", user, "--batch", "--connect-timeout=20"));
        if (!password.isEmpty()) {
            cmd.add("-p" + password);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mariadb client did not finish within 60 s: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

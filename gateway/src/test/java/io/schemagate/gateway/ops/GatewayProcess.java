package io.schemagate.gateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in its own process ({@code java -jar target/schemagate.jar serve --config ...}), for
 * tests about signals and several gateways. Its output goes to a log file next to the configuration.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final Admin admin;

    private GatewayProcess(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.admin = new Admin("http://127.0.0.1:" + adminPort);
    }

    /** A port free right now on 127.0.0.1 (the gateway binds it moments later). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static Path jar() {
        Path jar = Path.of("target", "schemagate.jar");
        if (!Files.exists(jar)) {
            throw new AssertionError(jar.toAbsolutePath() + " is missing: run 'mvn -pl gateway -am package' (failsafe runs after package)");
        }
        return jar;
    }

    /** Starts the gateway and waits until its admin listener answers /health/live. */
    static GatewayProcess start(Path config, int adminPort, String logName) throws Exception {
        Path log = config.resolveSibling(logName);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-jar", jar().toAbsolutePath().toString(), "serve", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        GatewayProcess g = new GatewayProcess(p, log, adminPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive()) {
                throw new AssertionError("the gateway exited with " + p.exitValue() + " during start-up:\n" + g.output());
            }
            try {
                if (g.admin.get("/health/live", null).status() == 200) {
                    return g;
                }
            } catch (AssertionError notYet) {
                // connection refused: the admin listener is not bound yet
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("the gateway did not answer /health/live within 60 s:\n" + g.output());
            }
            Thread.sleep(100);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal with kill(1), as an operator or an init system would. */
    void signal(String name) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + pid() + " failed");
        }
    }

    /** Waits for the process to exit and returns its exit code; fails after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway did not exit within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

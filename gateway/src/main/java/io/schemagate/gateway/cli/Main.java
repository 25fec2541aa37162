package io.schemagate.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code schemagate}: the gateway and its tools. */
@Command(name = "schemagate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SQL gateway for PostgreSQL and MySQL that judges and stages schema changes.",
        subcommands = {
                ServeCommand.class,
                CheckCommand.class,
                PolicyCommand.class,
                AuditCommand.class,
                ApprovalsCommand.class,
                MigrationsCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        quietLeakDetection();
        System.exit(run(args));
    }

    /**
     * Netty samples buffer allocations for leak reports by default, recording a stack trace for
     * some; the relay allocates on every read, so that sampling costs CPU on the hot path. The
     * gateway turns it off unless {@code -Dio.netty.leakDetection.level} says otherwise (the tests
     * run with {@code paranoid}). Must run before Netty's first buffer.
     */
    private static void quietLeakDetection() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
    }

    /** Runs the CLI and returns its exit code (2 for bad usage, as linters do). */
    public static int run(String... args) {
        return run(CliIo.system(), args);
    }

    /** Runs the CLI with the given standard streams (tests capture output and feed standard input). */
    public static int run(CliIo io, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = defaults.create(cls);
                if (made instanceof CliIo.Aware aware) {
                    aware.io(io);
                }
                return made;
            }
        });
        cli.setOut(new PrintWriter(io.out(), true));
        cli.setErr(new PrintWriter(io.err(), true));
        cli.setExitCodeExceptionMapper(e -> 2);
        badUsageIsTwo(cli);
        return cli.execute(args);
    }

    private static void badUsageIsTwo(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.getSubcommands().values().forEach(Main::badUsageIsTwo);
    }
}

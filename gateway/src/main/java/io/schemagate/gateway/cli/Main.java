package io.schemagate.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code schemagate}: the gateway and its tools. */
@Command(name = "schemagate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SQL gateway for PostgreSQL and MySQL that judges and stages schema changes.",
        subcommands = {
                ServeCommand.class,
                AuditCommand.class,
                ApprovalsCommand.class,
                MigrationsCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (2 for bad usage, as linters do). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> 2);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(2);
        }
        return cli.execute(args);
    }
}

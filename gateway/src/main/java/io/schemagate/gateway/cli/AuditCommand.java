package io.schemagate.gateway.cli;

import io.schemagate.config.AuditConfig;
import io.schemagate.config.ConfigException;
import io.schemagate.config.ConfigLoader;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.StateConfig;
import io.schemagate.gateway.audit.PgAuditLog;
import io.schemagate.gateway.state.SharedState;
import io.schemagate.gateway.audit.AuditFilter;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditReader;
import io.schemagate.gateway.audit.AuditRecord;
import io.schemagate.gateway.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code schemagate audit verify|list|export}: what auditors run. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify, list and export the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListRecords.class, AuditCommand.Export.class})
final class AuditCommand {

    /** Where the log is and how it is signed: from --log / --hmac-key-file, else from the config file. */
    static final class LogOptions {
        @Option(names = "--log", paramLabel = "FILE", description = "The audit log (default: from --config, else "
                + AuditConfig.DEFAULT_FILE + ").")
        Path log;

        @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration to take the audit settings from.")
        Path config;

        @Option(names = "--hmac-key-file", paramLabel = "FILE", description = "Key the chain was signed with.")
        Path hmacKeyFile;

        /** The shared state database when the configuration keeps the audit chain there and no --log is given. */
        SharedState shared() {
            if (log != null || config == null) {
                return null;
            }
            GatewayConfig cfg = ConfigLoader.load(config);
            return cfg.state().store() == StateConfig.Store.POSTGRES ? new SharedState(cfg.state().postgres()) : null;
        }

        AuditConfig settings() {
            AuditConfig fromConfig = config == null ? AuditConfig.DEFAULT : ConfigLoader.load(config).audit();
            String file = log != null ? log.toString() : fromConfig.file();
            if (hmacKeyFile != null) {
                return new AuditConfig(file, hmacKeyFile.toString(), null);
            }
            return new AuditConfig(file, fromConfig.hmacKeyFile(), fromConfig.hmacKeyEnv());
        }
    }

    /** Filters shared by list and export. */
    static final class FilterOptions {
        @Option(names = "--since", paramLabel = "TIME", description = "From this instant or date (2026-11-25 or 2026-11-25T10:00:00Z).")
        String since;
        @Option(names = "--until", paramLabel = "TIME", description = "Before this instant or date.")
        String until;
        @Option(names = "--database", description = "Only this database.")
        String database;
        @Option(names = "--table", description = "Only records naming this table (schema optional).")
        String table;
        @Option(names = "--user", description = "Only this database user.")
        String user;
        @Option(names = "--decision", description = "allow, rewrite, require_approval or reject.")
        String decision;
        @Option(names = "--change-id", description = "Only this change request.")
        String changeId;
        @Option(names = "--kind", description = "Only this record kind, e.g. statement_judged.")
        String kind;

        AuditFilter toFilter() {
            return new AuditFilter(time(since, "--since"), time(until, "--until"), database, table, user, decision,
                    changeId, kind == null ? null : AuditKind.fromId(kind));
        }

        private static Instant time(String text, String option) {
            if (text == null) {
                return null;
            }
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " '" + text + "' is neither a date (2026-11-25) nor an instant (2026-11-25T10:00:00Z)", e);
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the whole hash chain. Prints the record count and the head hash; exit 1 with the first broken record on tampering.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        LogOptions options = new LogOptions();
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditConfig settings;
            byte[] key;
            try {
                settings = options.settings();
                key = settings.hmacKey();
            } catch (ConfigException e) {
                err.println("schemagate: " + e.getMessage());
                return 2;
            }
            SharedState shared;
            try {
                shared = options.shared();
            } catch (ConfigException e) {
                err.println("schemagate: " + e.getMessage());
                return 2;
            }
            Path file = Path.of(settings.file());
            if (shared == null && !Files.exists(file)) {
                err.println("schemagate: " + file + ": no such audit log");
                return 2;
            }
            try {
                AuditVerifier.Result r = shared != null ? PgAuditLog.verify(shared, key) : AuditVerifier.verify(file, key);
                if (r.ok()) {
                    out.printf("OK: %d records, head %s%s%n", r.records(), r.headHash(), key == null ? " (unsigned)" : " (HMAC verified)");
                    return 0;
                }
                out.printf("BROKEN at line %d (record %d): %s%n", r.brokenLine(), r.records() + 1, r.problem());
                out.printf("%d records verified before it; last good head %s%n", r.records(), r.headHash());
                return 1;
            } catch (IOException | java.sql.SQLException e) {
                err.println("schemagate: cannot read the audit log: " + e.getMessage());
                return 2;
            }
        }
    }

    /** list and export: the same filters and log options; they differ in their default format. */
    abstract static class Print implements Callable<Integer> {
        @Mixin
        LogOptions options = new LogOptions();
        @Mixin
        FilterOptions filters = new FilterOptions();
        @Spec
        CommandSpec spec;

        abstract String format();

        @Override
        public Integer call() {
            return AuditOutput.print(spec, options, filters, format());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show records as a table (or JSON / CSV).")
    static final class ListRecords extends Print {
        @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default ${DEFAULT-VALUE}).")
        String format;

        String format() {
            return format;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write records as JSON lines (or CSV) for other tools.")
    static final class Export extends Print {
        @Option(names = "--format", defaultValue = "json", description = "json or csv (default ${DEFAULT-VALUE}).")
        String format;

        String format() {
            return format;
        }
    }

    private AuditCommand() {
    }

    /** Shared by list and export. */
    static final class AuditOutput {
        private AuditOutput() {
        }

        static int print(CommandSpec spec, LogOptions options, FilterOptions filters, String format) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditFilter filter;
            Path file;
            AuditRecordFormat fmt;
            try {
                filter = filters.toFilter();
                file = Path.of(options.settings().file());
                fmt = AuditRecordFormat.of(format);
            } catch (IllegalArgumentException | ConfigException e) {
                err.println("schemagate: " + e.getMessage());
                return 2;
            }
            if (!Files.exists(file)) {
                err.println("schemagate: " + file + ": no such audit log");
                return 2;
            }
            try {
                fmt.header(out);
                AuditReader.forEach(file, filter, (AuditRecord r) -> fmt.row(out, r));
                out.flush();
                return 0;
            } catch (IOException e) {
                err.println("schemagate: " + e.getMessage());
                return 2;
            }
        }
    }
}

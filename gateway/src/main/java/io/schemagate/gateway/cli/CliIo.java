package io.schemagate.gateway.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The standard streams a command uses: the real ones from {@link Main#main}, captured ones in tests.
 * Commands that read standard input or print reports take them from here, never from System.
 */
public record CliIo(InputStream in, PrintStream out, PrintStream err) {

    public CliIo {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    public static CliIo system() {
        return new CliIo(System.in, System.out, System.err);
    }

    /** Implemented by commands that need the streams; {@link Main} hands them over after creating the command. */
    interface Aware {
        void io(CliIo io);
    }
}

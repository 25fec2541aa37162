package io.schemagate.gateway.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set by Maven), so it is never out of step with the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"schemagate " + (v == null ? "development build" : v)};
    }
}

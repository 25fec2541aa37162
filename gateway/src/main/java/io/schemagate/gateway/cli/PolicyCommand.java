package io.schemagate.gateway.cli;

import picocli.CommandLine.Command;

/** {@code schemagate policy validate|test FILE}. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Check a policy file and run the tests it holds.",
        subcommands = {PolicyValidateCommand.class, PolicyTestCommand.class})
final class PolicyCommand {
}

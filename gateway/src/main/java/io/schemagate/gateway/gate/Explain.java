package io.schemagate.gateway.gate;

import io.schemagate.policy.check.Finding;

import java.util.List;
import java.util.stream.Collectors;

/** The words a refused client sees: which rule decided and what the checks found. */
final class Explain {

    private Explain() {
    }

    static String detail(String ruleId, List<Finding> findings) {
        String found = findings.stream().map(f -> f.checkId() + ": " + f.message()).distinct()
                .collect(Collectors.joining("\n"));
        return "rule " + ruleId + (found.isEmpty() ? "" : "\n" + found);
    }

    static String help(List<Finding> findings) {
        String help = findings.stream().map(Finding::help).filter(h -> h != null && !h.isBlank()).distinct()
                .collect(Collectors.joining("\n"));
        return help.isEmpty() ? null : help;
    }
}

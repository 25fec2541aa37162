package io.schemagate.policy.rule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated policy: ordered rules (first match wins), then defaults. Immutable; a reload
 * builds a new one.
 *
 * @param source         where it came from (a file name, or {@code built-in})
 * @param version        the file format version
 * @param lockTimeout    the lock_timeout / lock_wait_timeout put before DDL that reaches the server;
 *                       {@link Duration#ZERO} means none
 * @param approverGroups group name to the approver identities in it
 * @param roles          role name to the database user patterns the policy assigns to it
 * @param mysqlLocalInfile whether MySQL clients may send files with {@code LOAD DATA LOCAL INFILE}
 *                       (policy key {@code mysql.local_infile}); when not, the client gets an error
 */
public record Policy(String source, int version, List<Rule> rules, Defaults defaults,
                     List<ProtectedObject> protectedObjects, Map<String, List<String>> approverGroups,
                     Map<String, List<String>> roles, Duration lockTimeout, List<PolicyTest> tests,
                     boolean mysqlLocalInfile) {

    public Policy {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(defaults, "defaults must not be null");
        Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
        rules = List.copyOf(rules);
        protectedObjects = List.copyOf(protectedObjects);
        approverGroups = copy(approverGroups);
        roles = copy(roles);
        tests = List.copyOf(tests);
    }

    /** A policy that lets {@code LOAD DATA LOCAL INFILE} through, the default. */
    public Policy(String source, int version, List<Rule> rules, Defaults defaults,
                  List<ProtectedObject> protectedObjects, Map<String, List<String>> approverGroups,
                  Map<String, List<String>> roles, Duration lockTimeout, List<PolicyTest> tests) {
        this(source, version, rules, defaults, protectedObjects, approverGroups, roles, lockTimeout, tests, true);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}

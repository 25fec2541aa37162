package io.schemagate.config.policy;

import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.Checks;
import io.schemagate.policy.rule.EngineChecks;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The check ids a policy may name: the checks catalogue's and the policy engine's own. With
 * {@link #UNVERIFIED} ids are accepted and a warning says they were not checked.
 */
public final class KnownChecks {

    public static final KnownChecks UNVERIFIED = new KnownChecks(null);

    private final Set<String> ids;
    private boolean warned;

    private KnownChecks(Set<String> ids) {
        this.ids = ids;
    }

    /** The ids of this build's checks catalogue and the engine's own. */
    public static KnownChecks catalogue() {
        return of(Checks.all().stream().map(Check::id).collect(Collectors.toSet()));
    }

    /** @param catalogue the ids of the checks catalogue; the engine's own ids are added */
    public static KnownChecks of(Set<String> catalogue) {
        Set<String> all = new TreeSet<>(catalogue);
        all.addAll(EngineChecks.IDS);
        return new KnownChecks(all);
    }

    KnownChecks fresh() {
        return new KnownChecks(ids);
    }

    boolean verify(YamlNode.Scalar id, Problems problems) {
        if (ids == null) {
            if (EngineChecks.IDS.contains(id.text())) {
                return true;
            }
            if (!warned) {
                problems.warn(id, "check ids were not verified: the checks catalogue is not available in this build");
                warned = true;
            }
            return true;
        }
        if (ids.contains(id.text())) {
            return true;
        }
        problems.add(id, "unknown check id '" + id.text() + "'" + Suggest.didYouMean(id.text(), ids)
                + "; 'schemagate policy validate --list-checks' lists them");
        return false;
    }
}

package io.schemagate.gateway.gate;

import io.schemagate.policy.Decision;
import io.schemagate.policy.rule.Judge;

import java.util.Comparator;
import java.util.List;

/** A batch is judged by its worst statement: reject, then approval, then rewrite, then allow. */
final class Severity {

    private Severity() {
    }

    static int of(Decision d) {
        if (d instanceof Decision.Reject) {
            return 3;
        }
        if (d instanceof Decision.RequireApproval) {
            return 2;
        }
        return d instanceof Decision.Rewrite ? 1 : 0;
    }

    /** The first of the most severe judgements. */
    static Judge.Judgement worst(List<Judge.Judgement> judgements) {
        return judgements.stream().max(Comparator.comparingInt(j -> of(j.decision()))).orElseThrow();
    }
}

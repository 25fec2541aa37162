package io.schemagate.gateway.gate;

import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A policy can require the annotation that says why a change exists. */
class AnnotationRuleTest {

    private static final String POLICY = """
            version: 1
            rules:
              - id: drops-need-a-reason
                match: { operations: [drop-table], unless: { annotations: [reason, ticket] } }
                action: reject
                message: 'Say why: /* schemagate: reason="..." ticket="..." */'
            """;

    private static Decision decide(String sql) {
        Judge judge = Judges.judge(PolicyFiles.parse("p.yaml", POLICY, Judges.knownChecks()), Clock.systemUTC());
        return judge.judge(new Judge.Request(sql, Dialect.POSTGRESQL, null, null, null, false, true)).get(0).decision();
    }

    @Test
    void aDropWithoutAReasonIsRejected() {
        assertThat(decide("DROP TABLE old_orders")).isInstanceOf(Decision.Reject.class)
                .extracting(Decision::ruleId).isEqualTo("drops-need-a-reason");
        assertThat(decide("/* schemagate: reason=\"archived\" */ DROP TABLE old_orders")).isInstanceOf(Decision.Reject.class);
    }

    @Test
    void aDropThatSaysWhyGoesToTheDefaults() {
        Decision d = decide("/* schemagate: reason=\"archived in S3\" ticket=\"OPS-9\" */ DROP TABLE old_orders");
        assertThat(d.ruleId()).isNotEqualTo("drops-need-a-reason");
    }

    @Test
    void eachStatementOfABatchHasItsOwnAnnotation() {
        Judge judge = Judges.judge(PolicyFiles.parse("p.yaml", POLICY, Judges.knownChecks()), Clock.systemUTC());
        var js = judge.judge(new Judge.Request("/* schemagate: reason=\"a\" ticket=\"T-1\" */ DROP TABLE a; DROP TABLE b",
                Dialect.POSTGRESQL, null, null, null, false, true));
        assertThat(js.get(0).decision().ruleId()).isNotEqualTo("drops-need-a-reason");
        assertThat(js.get(1).decision().ruleId()).isEqualTo("drops-need-a-reason");
    }
}

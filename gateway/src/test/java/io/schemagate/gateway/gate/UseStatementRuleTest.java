package io.schemagate.gateway.gate;

import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A MySQL USE in a multi-statement string moves the statements after it into that database. */
class UseStatementRuleTest {

    private static final String POLICY = """
            version: 1
            rules:
              - id: no-drops-in-shop
                match: { databases: [shop], operations: [drop-table] }
                action: reject
                message: tables in shop are archived, not dropped
            """;

    private static List<Judge.Judgement> judge(String sql) {
        Judge judge = Judges.judge(PolicyFiles.parse("p.yaml", POLICY, Judges.knownChecks()), Clock.systemUTC());
        Principal inScratch = new Principal("app", "scratch", "127.0.0.1", null, null);
        return judge.judge(new Judge.Request(sql, Dialect.MYSQL, null, inScratch, null, false, true));
    }

    @Test
    void aDropAfterUseIsJudgedInThatDatabase() {
        List<Judge.Judgement> js = judge("USE shop; DROP TABLE orders");
        assertThat(js).hasSize(1);
        assertThat(js.get(0).decision()).isInstanceOf(Decision.Reject.class)
                .extracting(Decision::ruleId).isEqualTo("no-drops-in-shop");
    }

    @Test
    void withoutUseTheSessionDatabaseCounts() {
        assertThat(judge("DROP TABLE orders").get(0).decision().ruleId()).isNotEqualTo("no-drops-in-shop");
        assertThat(judge("DROP TABLE orders; USE shop").get(0).decision().ruleId()).isNotEqualTo("no-drops-in-shop");
        assertThat(judge("USE `shop`; USE scratch; DROP TABLE orders").get(0).decision().ruleId())
                .isNotEqualTo("no-drops-in-shop");
    }
}

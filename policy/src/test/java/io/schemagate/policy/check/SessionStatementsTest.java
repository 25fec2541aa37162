package io.schemagate.policy.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStatementsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SET lock_timeout = '2s'|true",
            "SET lock_timeout TO 2000|true",
            "set local lock_timeout = '1s'|true",
            "SET SESSION lock_timeout = 0|false",
            "SET lock_timeout TO DEFAULT|false",
            "RESET lock_timeout|false",
            "SET SESSION lock_wait_timeout=5|true",
            "SET @@session.lock_wait_timeout = 10|true",
            "SET innodb_lock_wait_timeout = 3|true",
            "SET statement_timeout = '5s'|",
            "SET search_path = app|"})
    void lockTimeouts(String sql, Boolean expected) {
        assertThat(SessionStatements.lockTimeout(sql)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"BEGIN, BEGIN", "START TRANSACTION, BEGIN", "begin isolation level serializable, BEGIN",
            "COMMIT, END", "END, END", "ROLLBACK, END", "ABORT, END", "ROLLBACK TO SAVEPOINT s, OTHER",
            "SAVEPOINT s, OTHER", "RELEASE SAVEPOINT s, OTHER"})
    void transactions(String sql, SessionStatements.Transaction expected) {
        assertThat(SessionStatements.transaction(sql)).isEqualTo(expected);
    }
}

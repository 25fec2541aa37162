package io.schemagate.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotationsTest {

    @Test
    void readsReasonAndTicket() {
        assertThat(Annotations.of("/* schemagate: reason=\"checkout needs \\\"status\\\"\" ticket=\"OPS-142\" */\n"
                + "ALTER TABLE orders ADD COLUMN status text"))
                .containsExactly(java.util.Map.entry("reason", "checkout needs \"status\""), java.util.Map.entry("ticket", "OPS-142"));
    }

    @Test
    void otherCommentsAreNotAnnotations() {
        assertThat(Annotations.of("/* reason=\"x\" */ ALTER TABLE t ADD COLUMN c int")).isEmpty();
        assertThat(Annotations.of("ALTER TABLE t ADD COLUMN c int")).isEmpty();
    }
}

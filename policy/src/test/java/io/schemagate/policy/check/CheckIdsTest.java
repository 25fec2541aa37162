package io.schemagate.policy.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check ids are an interface: policy files, audit records, docs and fixture folders name them. Renaming
 * or dropping one breaks every policy that mentions it, so the full list is pinned here; adding a check
 * means adding it to this list on purpose.
 */
class CheckIdsTest {

    private static final List<String> STABLE_IDS = List.of(
            "adding-foreign-key",
            "adding-json-column",
            "adding-primary-key",
            "adding-required-column",
            "adding-unique-constraint",
            "adding-volatile-default",
            "attach-partition-scan",
            "changing-column-type",
            "concurrent-index-corruption-bug",
            "concurrent-index-in-transaction",
            "constraint-missing-not-valid",
            "detach-partition-without-concurrently",
            "domain-check-constraint",
            "drop-index-without-concurrently",
            "dropping-column",
            "dropping-not-null",
            "dropping-table",
            "enum-value-without-position",
            "exclusion-constraint",
            "identity-or-serial-column",
            "index-without-concurrently",
            "missing-lock-timeout",
            "mysql-blocking-index-type",
            "mysql-changing-column-type",
            "mysql-check-constraint",
            "mysql-column-reorder",
            "mysql-copy-algorithm",
            "mysql-enum-reorder",
            "mysql-expression-default",
            "mysql-foreign-key",
            "mysql-inline-references-ignored",
            "mysql-instant-add-unavailable",
            "mysql-instant-bug-8-0-29",
            "mysql-no-algorithm-guard",
            "mysql-not-null-without-strict",
            "mysql-primary-key-change",
            "mysql-table-rebuild",
            "mysql-varchar-length-boundary",
            "reindex-without-concurrently",
            "renaming-column",
            "renaming-table",
            "setting-not-null",
            "stored-generated-column",
            "table-rewrite-command",
            "table-rewrite-option",
            "truncating-table",
            "unknown-statement");

    @Test
    void idsAreStable() {
        assertThat(Checks.all().stream().map(Check::id).sorted().toList()).isEqualTo(STABLE_IDS);
    }
}

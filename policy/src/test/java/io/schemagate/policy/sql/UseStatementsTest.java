package io.schemagate.policy.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UseStatementsTest {

    @Test
    void readsTheDatabaseOfAUseStatement() {
        assertThat(UseStatements.database("USE shop")).isEqualTo("shop");
        assertThat(UseStatements.database("use shop;")).isEqualTo("shop");
        assertThat(UseStatements.database("  /* switch */ Use\n shop_2 ; -- done")).isEqualTo("shop_2");
        assertThat(UseStatements.database("USE `odd name`")).isEqualTo("odd name");
        assertThat(UseStatements.database("USE`a``b`")).isEqualTo("a`b");
        assertThat(UseStatements.database("# comment\nUSE shop")).isEqualTo("shop");
        assertThat(UseStatements.database("--\nUSE shop")).isEqualTo("shop");
        assertThat(UseStatements.database("--\tx\nUSE\u000Bshop")).isEqualTo("shop");
        assertThat(UseStatements.database("USE \"shop\"")).isEqualTo("shop");
    }

    @Test
    void anythingElseIsNotAUseStatement() {
        assertThat(UseStatements.database("SELECT 1")).isNull();
        assertThat(UseStatements.database("USER")).isNull();
        assertThat(UseStatements.database("USEshop")).isNull();
        assertThat(UseStatements.database("USE")).isNull();
        assertThat(UseStatements.database("USE shop; DROP TABLE t")).isNull();
        assertThat(UseStatements.database("USE `unterminated")).isNull();
        assertThat(UseStatements.database("USE a b")).isNull();
        assertThat(UseStatements.database("--x\nUSE shop")).isNull();
    }

    @Test
    void executableCommentsAreReadAsTheServerRunsThem() {
        assertThat(UseStatements.database("/*!USE shop*/")).isEqualTo("shop");
        assertThat(UseStatements.database("/*!50000 USE */ shop")).isEqualTo("shop");
        assertThat(UseStatements.database("/*!*/ USE prod")).isEqualTo("prod");
        assertThat(UseStatements.database("USE /*!*/ prod")).isEqualTo("prod");
        assertThat(UseStatements.database("USE/*!*/prod")).isEqualTo("prod");
        assertThat(UseStatements.database("/*M!100100 USE shop*/")).isEqualTo("shop");
        // A server older than the comment skips it, and the USE after it runs.
        assertThat(UseStatements.database("/*!99999 x*/ USE prod")).isEqualTo("prod");
    }
}

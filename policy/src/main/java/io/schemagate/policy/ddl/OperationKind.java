package io.schemagate.policy.ddl;

import java.util.Locale;

/** Kinds of {@link Operation}, with the kebab-case ids used in policy files and audit records. */
public enum OperationKind {
    ADD_COLUMN,
    DROP_COLUMN,
    ALTER_COLUMN_TYPE,
    MODIFY_COLUMN,
    SET_NOT_NULL,
    DROP_NOT_NULL,
    SET_DEFAULT,
    ADD_CONSTRAINT,
    VALIDATE_CONSTRAINT,
    DROP_CONSTRAINT,
    CREATE_INDEX,
    DROP_INDEX,
    REINDEX,
    RENAME_COLUMN,
    RENAME_TABLE,
    RENAME_OBJECT,
    DROP_TABLE,
    DROP_OBJECT,
    TRUNCATE,
    CREATE_TABLE,
    TABLE_OPTION,
    ALTER_ENUM,
    ATTACH_PARTITION,
    DETACH_PARTITION,
    TABLE_REWRITE,
    DOMAIN_CONSTRAINT,
    OTHER_DDL,
    UNKNOWN;

    /** {@code add-column}, {@code set-not-null}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OperationKind fromId(String id) {
        for (OperationKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown operation kind '" + id + "'");
    }
}

package io.schemagate.policy.ddl;

import java.util.List;
import java.util.Objects;

/**
 * One schema change a statement makes: the unit that checks judge and the planner stages. An
 * {@code ALTER TABLE} with three sub-commands gives three operations. The set is closed so that a
 * check or the planner handles every case or says it does not; anything the analyser did not fully
 * understand becomes {@link Unknown}, never a guess.
 */
public sealed interface Operation {

    /** The stable kind name used in policy files and audit records. */
    OperationKind kind();

    /** The table this operation changes, or null when it is not about one table. */
    TableRef table();

    /** {@code ALTER TABLE t ADD COLUMN ...}. */
    record AddColumn(TableRef table, ColumnDef column, boolean ifNotExists, ColumnPosition position)
            implements Operation {
        public OperationKind kind() { return OperationKind.ADD_COLUMN; }
    }

    /** {@code ALTER TABLE t DROP COLUMN c}. */
    record DropColumn(TableRef table, String column, boolean ifExists, boolean cascade) implements Operation {
        public OperationKind kind() { return OperationKind.DROP_COLUMN; }
    }

    /** PostgreSQL {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}. */
    record AlterColumnType(TableRef table, String column, String newType, Expression using) implements Operation {
        public OperationKind kind() { return OperationKind.ALTER_COLUMN_TYPE; }
    }

    /**
     * MySQL {@code MODIFY [COLUMN] c def} or {@code CHANGE [COLUMN] old new def}: a full new definition
     * that may change the type, nullability, default, name and position at once.
     */
    record ModifyColumn(TableRef table, String column, ColumnDef definition, ColumnPosition position)
            implements Operation {
        public OperationKind kind() { return OperationKind.MODIFY_COLUMN; }
    }

    /** {@code ALTER COLUMN c SET NOT NULL}. */
    record SetNotNull(TableRef table, String column) implements Operation {
        public OperationKind kind() { return OperationKind.SET_NOT_NULL; }
    }

    /** {@code ALTER COLUMN c DROP NOT NULL}. */
    record DropNotNull(TableRef table, String column) implements Operation {
        public OperationKind kind() { return OperationKind.DROP_NOT_NULL; }
    }

    /** {@code ALTER COLUMN c SET DEFAULT expr}, or {@code DROP DEFAULT} when {@code value} is null. */
    record SetDefault(TableRef table, String column, Expression value) implements Operation {
        public OperationKind kind() { return OperationKind.SET_DEFAULT; }
    }

    /** {@code ADD [CONSTRAINT n] ...} on an existing table. */
    record AddConstraint(TableRef table, ConstraintDef constraint) implements Operation {
        public OperationKind kind() { return OperationKind.ADD_CONSTRAINT; }
    }

    /** PostgreSQL {@code VALIDATE CONSTRAINT n}. */
    record ValidateConstraint(TableRef table, String name) implements Operation {
        public OperationKind kind() { return OperationKind.VALIDATE_CONSTRAINT; }
    }

    /** {@code DROP CONSTRAINT n}, MySQL {@code DROP FOREIGN KEY / CHECK / PRIMARY KEY}; kind null when unsaid. */
    record DropConstraint(TableRef table, String name, ConstraintKind constraintKind, boolean ifExists)
            implements Operation {
        public OperationKind kind() { return OperationKind.DROP_CONSTRAINT; }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}, or MySQL {@code ALTER TABLE ... ADD INDEX / KEY}.
     *
     * @param method  access method / index type as written (btree, gin, fulltext, spatial), or null
     * @param partial a WHERE predicate is present
     */
    record CreateIndex(TableRef table, String name, List<String> columns, boolean unique, boolean concurrently,
                       boolean ifNotExists, String method, boolean partial) implements Operation {
        public CreateIndex {
            columns = List.copyOf(columns);
        }

        public OperationKind kind() { return OperationKind.CREATE_INDEX; }
    }

    /** {@code DROP INDEX [CONCURRENTLY]} or MySQL {@code DROP INDEX n ON t}; {@code table} may be null in PostgreSQL. */
    record DropIndex(TableRef table, String name, boolean concurrently, boolean ifExists) implements Operation {
        public OperationKind kind() { return OperationKind.DROP_INDEX; }
    }

    /** PostgreSQL {@code REINDEX [CONCURRENTLY] ...}; {@code target} is what follows, e.g. {@code TABLE t}. */
    record Reindex(TableRef table, String target, boolean concurrently) implements Operation {
        public OperationKind kind() { return OperationKind.REINDEX; }
    }

    /** {@code RENAME COLUMN a TO b} (and MySQL CHANGE that only renames). */
    record RenameColumn(TableRef table, String from, String to) implements Operation {
        public OperationKind kind() { return OperationKind.RENAME_COLUMN; }
    }

    /** {@code ALTER TABLE t RENAME TO u} / MySQL {@code RENAME TABLE t TO u}. */
    record RenameTable(TableRef table, TableRef newName) implements Operation {
        public OperationKind kind() { return OperationKind.RENAME_TABLE; }
    }

    /** Renaming anything other than a table or column: an index, a constraint, a schema, an enum value. */
    record RenameObject(TableRef table, String objectType, String from, String to) implements Operation {
        public OperationKind kind() { return OperationKind.RENAME_OBJECT; }
    }

    /** {@code DROP TABLE t} (one operation per table named). */
    record DropTable(TableRef table, boolean ifExists, boolean cascade) implements Operation {
        public OperationKind kind() { return OperationKind.DROP_TABLE; }
    }

    /** {@code DROP SCHEMA / DATABASE / VIEW / TYPE / FUNCTION ...}: everything dropped that is not a table, index or column. */
    record DropObject(String objectType, String name, boolean ifExists, boolean cascade) implements Operation {
        public OperationKind kind() { return OperationKind.DROP_OBJECT; }

        public TableRef table() { return null; }
    }

    /** {@code TRUNCATE t [CASCADE]} (one operation per table named). */
    record Truncate(TableRef table, boolean cascade) implements Operation {
        public OperationKind kind() { return OperationKind.TRUNCATE; }
    }

    /** {@code CREATE TABLE}, including its inline constraints (exempt from most checks: the table is new). */
    record CreateTable(TableRef table, boolean ifNotExists, boolean temporary, List<ColumnDef> columns,
                       List<ConstraintDef> constraints, boolean asSelect) implements Operation {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }

        public OperationKind kind() { return OperationKind.CREATE_TABLE; }
    }

    /**
     * A table-level option that may rebuild the table: MySQL {@code ENGINE=}, {@code ROW_FORMAT=},
     * {@code CONVERT TO CHARACTER SET}, {@code FORCE}; PostgreSQL {@code SET LOGGED / UNLOGGED},
     * {@code SET TABLESPACE}, {@code SET ACCESS METHOD}, {@code SET (storage options)}.
     *
     * @param option lower-case option name as written (e.g. {@code engine}, {@code convert_charset}, {@code set_logged})
     * @param value  its value, or null
     */
    record TableOption(TableRef table, String option, String value) implements Operation {
        public OperationKind kind() { return OperationKind.TABLE_OPTION; }
    }

    /** PostgreSQL {@code ALTER TYPE e ADD VALUE v [BEFORE|AFTER w]}. */
    record AlterEnumAddValue(String typeName, String value, boolean positioned) implements Operation {
        public OperationKind kind() { return OperationKind.ALTER_ENUM; }

        public TableRef table() { return null; }
    }

    /** {@code ATTACH PARTITION} / {@code DETACH PARTITION [CONCURRENTLY]}. */
    record Partition(TableRef table, TableRef partition, boolean attach, boolean concurrently) implements Operation {
        public OperationKind kind() { return attach ? OperationKind.ATTACH_PARTITION : OperationKind.DETACH_PARTITION; }
    }

    /** {@code VACUUM FULL}, {@code CLUSTER}, MySQL {@code OPTIMIZE TABLE}: a full rewrite under a strong lock. */
    record TableRewrite(TableRef table, String command) implements Operation {
        public OperationKind kind() { return OperationKind.TABLE_REWRITE; }
    }

    /** {@code CREATE DOMAIN ... CHECK} or {@code ALTER DOMAIN ... ADD CONSTRAINT}. */
    record DomainConstraint(String domain, ConstraintDef constraint, boolean create) implements Operation {
        public OperationKind kind() { return OperationKind.DOMAIN_CONSTRAINT; }

        public TableRef table() { return null; }
    }

    /**
     * Understood DDL that changes no existing table's data or locks nothing for long: CREATE VIEW,
     * CREATE FUNCTION, COMMENT ON, GRANT, CREATE SCHEMA, CREATE SEQUENCE, ... {@code statementType}
     * is the parser's name for it, lower-case with dashes ({@code create-view}).
     */
    record OtherDdl(TableRef table, String statementType) implements Operation {
        public OperationKind kind() { return OperationKind.OTHER_DDL; }
    }

    /**
     * Something the analyser could not fully understand: a parse error, an unmodelled node, a
     * sub-command whose facts it could not all read. Never safe; the policy says what it gets.
     */
    record Unknown(TableRef table, String reason) implements Operation {
        public Unknown {
            Objects.requireNonNull(reason, "an Unknown operation must say why");
        }

        public OperationKind kind() { return OperationKind.UNKNOWN; }
    }
}

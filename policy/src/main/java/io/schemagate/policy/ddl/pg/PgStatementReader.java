package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.Map;
import java.util.Set;

/**
 * Classifies one parsed statement by its top node and hands DDL to the reader for that node. A node
 * type not listed here is UNKNOWN: a statement is only called understood when we know its node.
 */
final class PgStatementReader {

    private static final Set<String> NOT_DDL = Set.of("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt",
            "MergeStmt", "CopyStmt", "PrepareStmt", "ExecuteStmt", "DeallocateStmt", "LockStmt", "ListenStmt",
            "NotifyStmt", "UnlistenStmt", "DeclareCursorStmt", "FetchStmt", "ClosePortalStmt", "CheckPointStmt",
            "VariableShowStmt", "LoadStmt");
    private static final Set<String> SESSION = Set.of("VariableSetStmt", "DiscardStmt", "ConstraintsSetStmt");

    /** Understood DDL that changes no existing table's data and holds its locks briefly. */
    private static final Map<String, String> OTHER_DDL = Map.ofEntries(
            Map.entry("ViewStmt", "create-view"), Map.entry("CreateFunctionStmt", "create-function"),
            Map.entry("AlterFunctionStmt", "alter-function"), Map.entry("CreateSchemaStmt", "create-schema"),
            Map.entry("CreateSeqStmt", "create-sequence"), Map.entry("AlterSeqStmt", "alter-sequence"),
            Map.entry("CommentStmt", "comment"), Map.entry("GrantStmt", "grant"), Map.entry("GrantRoleStmt", "grant-role"),
            Map.entry("CreateExtensionStmt", "create-extension"), Map.entry("AlterExtensionStmt", "alter-extension"),
            Map.entry("CreateTrigStmt", "create-trigger"), Map.entry("CreateRoleStmt", "create-role"),
            Map.entry("AlterRoleStmt", "alter-role"), Map.entry("AlterRoleSetStmt", "alter-role-set"),
            Map.entry("DropRoleStmt", "drop-role"), Map.entry("CreatedbStmt", "create-database"),
            Map.entry("CreateEnumStmt", "create-type"), Map.entry("CompositeTypeStmt", "create-type"),
            Map.entry("CreateRangeStmt", "create-type"), Map.entry("DefineStmt", "define"),
            Map.entry("CreatePolicyStmt", "create-policy"), Map.entry("AlterPolicyStmt", "alter-policy"),
            Map.entry("AlterOwnerStmt", "alter-owner"), Map.entry("AlterDefaultPrivilegesStmt", "alter-default-privileges"),
            Map.entry("SecLabelStmt", "security-label"), Map.entry("CreateCastStmt", "create-cast"),
            Map.entry("CreateConversionStmt", "create-conversion"), Map.entry("CreateEventTrigStmt", "create-event-trigger"),
            Map.entry("CreatePublicationStmt", "create-publication"), Map.entry("AlterPublicationStmt", "alter-publication"),
            Map.entry("CreateStatsStmt", "create-statistics"), Map.entry("RuleStmt", "create-rule"),
            Map.entry("CreateTableSpaceStmt", "create-tablespace"), Map.entry("AlterSystemStmt", "alter-system"),
            Map.entry("ReassignOwnedStmt", "reassign-owned"), Map.entry("DropOwnedStmt", "drop-owned"),
            Map.entry("AlterTSConfigurationStmt", "alter-text-search-configuration"),
            Map.entry("AlterCollationStmt", "alter-collation"));

    private PgStatementReader() {
    }

    static PgReading read(JsonNode stmtNode, PgSourceText source) {
        String type = PgNodes.type(stmtNode);
        if (type == null) {
            return PgReading.unknown("the parse tree has no statement node");
        }
        JsonNode stmt = stmtNode.get(type);
        try {
            return dispatch(type, stmt, source);
        } catch (UnsupportedSyntaxException e) {
            return PgReading.ddl(new Operation.Unknown(null, e.getMessage()));
        }
    }

    private static PgReading dispatch(String type, JsonNode stmt, PgSourceText source) {
        if (type.equals("SelectStmt") && stmt.has("intoClause")) {
            // SELECT ... INTO t creates a table (the parser turns it into CREATE TABLE AS later).
            return PgReading.ddl(PgCreateTableReader.readSelectInto(stmt));
        }
        if (NOT_DDL.contains(type)) {
            return PgReading.of(StatementClass.NOT_DDL);
        }
        if (SESSION.contains(type)) {
            return PgReading.of(StatementClass.SESSION);
        }
        String other = OTHER_DDL.get(type);
        if (other != null) {
            // CREATE TRIGGER / POLICY / RULE / STATISTICS name the table they lock briefly.
            return PgReading.ddl(new Operation.OtherDdl(PgNodes.table(stmt.get("relation")), other));
        }
        return switch (type) {
            case "TransactionStmt" -> PgReading.of(StatementClass.TRANSACTION_CONTROL);
            case "DoStmt" -> PgReading.opaque("a DO block runs code whose statements cannot be seen from its text");
            case "CallStmt" -> PgReading.opaque("CALL runs a procedure whose statements cannot be seen from its text");
            case "ExplainStmt" -> explain(stmt, source);
            case "AlterTableStmt" -> PgReading.ddl(PgAlterTableReader.read(stmt, source));
            case "IndexStmt" -> PgReading.ddl(PgObjectReaders.createIndex(stmt, source));
            case "DropStmt" -> PgReading.ddl(PgObjectReaders.drop(stmt));
            case "TruncateStmt" -> PgReading.ddl(PgObjectReaders.truncate(stmt));
            case "RenameStmt" -> PgReading.ddl(PgObjectReaders.rename(stmt));
            case "CreateStmt" -> PgReading.ddl(PgCreateTableReader.read(stmt, source));
            case "CreateTableAsStmt" -> PgReading.ddl(PgCreateTableReader.readAs(stmt));
            case "ReindexStmt" -> PgReading.ddl(PgObjectReaders.reindex(stmt));
            case "VacuumStmt" -> PgReading.ddl(PgObjectReaders.vacuum(stmt));
            case "ClusterStmt" -> PgReading.ddl(PgObjectReaders.cluster(stmt));
            case "RefreshMatViewStmt" -> PgReading.ddl(PgObjectReaders.refresh(stmt));
            case "AlterEnumStmt" -> PgReading.ddl(PgObjectReaders.alterEnum(stmt));
            case "CreateDomainStmt" -> PgReading.ddl(PgObjectReaders.createDomain(stmt, source));
            case "AlterDomainStmt" -> PgReading.ddl(PgObjectReaders.alterDomain(stmt, source));
            case "AlterObjectSchemaStmt" -> PgReading.ddl(PgObjectReaders.setSchema(stmt));
            case "DropdbStmt" -> PgReading.ddl(new Operation.DropObject("database", PgNodes.text(stmt, "dbname"),
                    PgNodes.flag(stmt, "missing_ok"), false));
            default -> PgReading.unknown("PostgreSQL statement type " + type + " is not modelled");
        };
    }

    /** EXPLAIN runs its statement only with ANALYZE, but only a CREATE TABLE AS inside makes it DDL. */
    private static PgReading explain(JsonNode stmt, PgSourceText source) {
        JsonNode query = stmt.get("query");
        String inner = PgNodes.type(query);
        if ("CreateTableAsStmt".equals(inner)) {
            return dispatch(inner, query.get(inner), source);
        }
        return PgReading.of(StatementClass.NOT_DDL);
    }
}

package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code ALTER TABLE} ({@code AlterTableStmt}): one operation per sub-command ({@code AlterTableCmd}). */
final class PgAlterTableReader {

    /**
     * Sub-commands that change no data and hold their lock only briefly (ALTER TABLE docs, "lock level"
     * per form); reported as {@link Operation.OtherDdl} named {@code alter-table-<subtype>}.
     */
    private static final Set<String> BRIEF = Set.of("AT_SetStatistics", "AT_SetStorage", "AT_SetCompression",
            "AT_SetOptions", "AT_ResetOptions", "AT_ChangeOwner", "AT_ClusterOn", "AT_DropCluster",
            "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_DisableTrig", "AT_EnableTrigAll",
            "AT_DisableTrigAll", "AT_EnableTrigUser", "AT_DisableTrigUser", "AT_EnableRule", "AT_EnableAlwaysRule",
            "AT_EnableReplicaRule", "AT_DisableRule", "AT_EnableRowSecurity", "AT_DisableRowSecurity",
            "AT_ForceRowSecurity", "AT_NoForceRowSecurity", "AT_ReplicaIdentity", "AT_AddIdentity", "AT_SetIdentity",
            "AT_DropIdentity", "AT_AlterConstraint", "AT_DropOf", "AT_GenericOptions", "AT_AddInherit",
            "AT_DropInherit", "AT_AddOf", "AT_DropExpression");

    /**
     * Table options that rewrite the table or move its files, or (storage parameters) may: reported as
     * {@link Operation.TableOption} under these option names.
     */
    private static final Map<String, String> TABLE_OPTIONS = Map.of("AT_SetLogged", "set_logged",
            "AT_SetUnLogged", "set_unlogged", "AT_SetTableSpace", "set_tablespace",
            "AT_SetAccessMethod", "set_access_method", "AT_SetRelOptions", "set_storage_parameters",
            "AT_ResetRelOptions", "reset_storage_parameters", "AT_ReplaceRelOptions", "replace_storage_parameters");

    private PgAlterTableReader() {
    }

    static List<Operation> read(JsonNode stmt, PgSourceText source) {
        TableRef table = PgNodes.table(stmt.get("relation"));
        String objtype = PgNodes.text(stmt, "objtype");
        List<Operation> ops = new ArrayList<>();
        if (!"OBJECT_TABLE".equals(objtype)) {
            ops.add(new Operation.Unknown(table, "ALTER " + PgNodes.kebab(objtype == null ? "?" : objtype, "OBJECT_")
                    + " is not modelled"));
            return ops;
        }
        boolean ifExists = PgNodes.flag(stmt, "missing_ok");
        for (JsonNode cmdNode : PgNodes.list(stmt, "cmds")) {
            JsonNode cmd = PgNodes.body(cmdNode);
            String subtype = PgNodes.text(cmd, "subtype");
            try {
                ops.add(command(table, subtype, cmd, source));
            } catch (UnsupportedSyntaxException e) {
                ops.add(new Operation.Unknown(table, e.getMessage()));
            }
        }
        if (ifExists && ops.isEmpty()) {
            ops.add(new Operation.Unknown(table, "ALTER TABLE without sub-commands"));
        }
        return ops;
    }

    private static Operation command(TableRef table, String subtype, JsonNode cmd, PgSourceText source) {
        String column = PgNodes.text(cmd, "name");
        JsonNode def = cmd.get("def");
        if (subtype == null) {
            throw new UnsupportedSyntaxException("ALTER TABLE sub-command without a subtype");
        }
        switch (subtype) {
            case "AT_AddColumn": {
                ColumnDef col = PgColumnDefReader.read(PgNodes.body(def), source);
                return new Operation.AddColumn(table, col, PgNodes.flag(cmd, "missing_ok"), ColumnPosition.DEFAULT);
            }
            case "AT_DropColumn":
                return new Operation.DropColumn(table, column, PgNodes.flag(cmd, "missing_ok"), cascade(cmd));
            case "AT_AlterColumnType": {
                JsonNode colDef = PgNodes.body(def);
                String type = PgNodes.typeName(colDef.get("typeName"));
                Expression using = null;
                if (colDef.has("raw_default")) {
                    JsonNode raw = colDef.get("raw_default");
                    using = PgExpressionReader.read(raw,
                            source.expressionAround(PgNodes.minLocation(raw), PgSourceText.NONE));
                }
                return new Operation.AlterColumnType(table, column, type, using);
            }
            case "AT_SetNotNull":
                return new Operation.SetNotNull(table, column);
            case "AT_DropNotNull":
                return new Operation.DropNotNull(table, column);
            case "AT_ColumnDefault": {
                if (def == null) {
                    return new Operation.SetDefault(table, column, null);
                }
                String text = source.expressionAround(PgNodes.minLocation(def), PgSourceText.AFTER_DEFAULT);
                return new Operation.SetDefault(table, column, PgExpressionReader.read(def, text));
            }
            case "AT_AddConstraint":
                return new Operation.AddConstraint(table, PgConstraintReader.read(PgNodes.body(def), null, source));
            case "AT_ValidateConstraint":
                return new Operation.ValidateConstraint(table, column);
            case "AT_DropConstraint":
                return new Operation.DropConstraint(table, column, null, PgNodes.flag(cmd, "missing_ok"));
            case "AT_AttachPartition":
            case "AT_DetachPartition": {
                JsonNode pc = PgNodes.body(def);
                return new Operation.Partition(table, PgNodes.table(pc.get("name")), subtype.equals("AT_AttachPartition"),
                        PgNodes.flag(pc, "concurrent"));
            }
            case "AT_DetachPartitionFinalize": {
                JsonNode pc = PgNodes.body(def);
                return new Operation.Partition(table, PgNodes.table(pc.get("name")), false, true);
            }
            default:
                break;
        }
        if (TABLE_OPTIONS.containsKey(subtype)) {
            String value = column;
            if (def != null && def.isArray()) {
                List<String> names = new ArrayList<>();
                for (JsonNode d : def) {
                    names.add(PgNodes.text(PgNodes.body(d), "defname"));
                }
                value = String.join(",", names);
            }
            return new Operation.TableOption(table, TABLE_OPTIONS.get(subtype), value);
        }
        if (BRIEF.contains(subtype)) {
            return new Operation.OtherDdl(table, "alter-table-" + PgNodes.kebab(subtype, "AT_"));
        }
        throw new UnsupportedSyntaxException("ALTER TABLE sub-command " + subtype + " is not modelled");
    }

    private static boolean cascade(JsonNode node) {
        return "DROP_CASCADE".equals(PgNodes.text(node, "behavior"));
    }
}

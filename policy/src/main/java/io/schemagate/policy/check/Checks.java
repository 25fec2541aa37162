package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.common.AddingRequiredColumn;
import io.schemagate.policy.check.common.DroppingColumn;
import io.schemagate.policy.check.common.DroppingTable;
import io.schemagate.policy.check.common.IdentityOrSerialColumn;
import io.schemagate.policy.check.common.MissingLockTimeout;
import io.schemagate.policy.check.common.RenamingColumn;
import io.schemagate.policy.check.common.RenamingTable;
import io.schemagate.policy.check.common.StoredGeneratedColumn;
import io.schemagate.policy.check.common.TruncatingTable;
import io.schemagate.policy.check.mysql.MySqlBlockingIndexType;
import io.schemagate.policy.check.mysql.MySqlChangingColumnType;
import io.schemagate.policy.check.mysql.MySqlCheckConstraint;
import io.schemagate.policy.check.mysql.MySqlColumnReorder;
import io.schemagate.policy.check.mysql.MySqlCopyAlgorithm;
import io.schemagate.policy.check.mysql.MySqlEnumReorder;
import io.schemagate.policy.check.mysql.MySqlExpressionDefault;
import io.schemagate.policy.check.mysql.MySqlForeignKey;
import io.schemagate.policy.check.mysql.MySqlInlineReferencesIgnored;
import io.schemagate.policy.check.mysql.MySqlInstantAddUnavailable;
import io.schemagate.policy.check.mysql.MySqlInstantBug8029;
import io.schemagate.policy.check.mysql.MySqlNoAlgorithmGuard;
import io.schemagate.policy.check.mysql.MySqlNotNullWithoutStrict;
import io.schemagate.policy.check.mysql.MySqlPrimaryKeyChange;
import io.schemagate.policy.check.mysql.MySqlTableRebuild;
import io.schemagate.policy.check.mysql.MySqlVarcharLengthBoundary;
import io.schemagate.policy.check.pg.AddingForeignKey;
import io.schemagate.policy.check.pg.AddingJsonColumn;
import io.schemagate.policy.check.pg.AddingPrimaryKey;
import io.schemagate.policy.check.pg.AddingUniqueConstraint;
import io.schemagate.policy.check.pg.AddingVolatileDefault;
import io.schemagate.policy.check.pg.AttachPartitionScan;
import io.schemagate.policy.check.pg.ChangingColumnType;
import io.schemagate.policy.check.pg.ConcurrentIndexCorruptionBug;
import io.schemagate.policy.check.pg.ConcurrentIndexInTransaction;
import io.schemagate.policy.check.pg.ConstraintMissingNotValid;
import io.schemagate.policy.check.pg.DetachPartitionWithoutConcurrently;
import io.schemagate.policy.check.pg.DomainCheckConstraint;
import io.schemagate.policy.check.pg.DropIndexWithoutConcurrently;
import io.schemagate.policy.check.pg.DroppingNotNull;
import io.schemagate.policy.check.pg.EnumValueWithoutPosition;
import io.schemagate.policy.check.pg.ExclusionConstraint;
import io.schemagate.policy.check.pg.IndexWithoutConcurrently;
import io.schemagate.policy.check.pg.ReindexWithoutConcurrently;
import io.schemagate.policy.check.pg.SettingNotNull;
import io.schemagate.policy.check.pg.TableRewriteCommand;
import io.schemagate.policy.check.pg.TableRewriteOption;

import java.util.List;
import java.util.Optional;

/** The checks catalogue: every check, in a stable order, and the ones that apply to a dialect. */
public final class Checks {

    private static final List<Check> ALL = List.of(
            new UnknownStatement(),
            // both dialects
            new AddingRequiredColumn(),
            new IdentityOrSerialColumn(),
            new StoredGeneratedColumn(),
            new RenamingColumn(),
            new RenamingTable(),
            new DroppingColumn(),
            new DroppingTable(),
            new TruncatingTable(),
            new MissingLockTimeout(),
            // PostgreSQL
            new AddingVolatileDefault(),
            new SettingNotNull(),
            new DroppingNotNull(),
            new ConstraintMissingNotValid(),
            new AddingForeignKey(),
            new AddingUniqueConstraint(),
            new AddingPrimaryKey(),
            new ExclusionConstraint(),
            new ChangingColumnType(),
            new IndexWithoutConcurrently(),
            new DropIndexWithoutConcurrently(),
            new ReindexWithoutConcurrently(),
            new DetachPartitionWithoutConcurrently(),
            new AttachPartitionScan(),
            new ConcurrentIndexInTransaction(),
            new ConcurrentIndexCorruptionBug(),
            new EnumValueWithoutPosition(),
            new DomainCheckConstraint(),
            new TableRewriteCommand(),
            new TableRewriteOption(),
            new AddingJsonColumn(),
            // MySQL / MariaDB
            new MySqlNoAlgorithmGuard(),
            new MySqlCopyAlgorithm(),
            new MySqlInstantAddUnavailable(),
            new MySqlInstantBug8029(),
            new MySqlExpressionDefault(),
            new MySqlNotNullWithoutStrict(),
            new MySqlChangingColumnType(),
            new MySqlVarcharLengthBoundary(),
            new MySqlEnumReorder(),
            new MySqlColumnReorder(),
            new MySqlForeignKey(),
            new MySqlInlineReferencesIgnored(),
            new MySqlCheckConstraint(),
            new MySqlPrimaryKeyChange(),
            new MySqlTableRebuild(),
            new MySqlBlockingIndexType());

    private Checks() {
    }

    public static List<Check> all() {
        return ALL;
    }

    public static List<Check> forDialect(Dialect dialect) {
        return ALL.stream().filter(c -> c.dialects().contains(dialect)).toList();
    }

    public static Optional<Check> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}

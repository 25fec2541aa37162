package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.TableRef;

import java.util.Objects;
import java.util.Set;

/**
 * What a check may know besides the operation itself.
 *
 * @param serverVersion        the server's version (from the catalog, a flag, or the default)
 * @param catalog              live facts, or {@link Catalog#NONE}
 * @param inTransactionBlock   the statement runs inside an explicit transaction block
 * @param tablesCreatedEarlier tables created earlier in the same transaction / file / batch, exempt
 *                             from most checks because nobody else can see them yet
 * @param lockTimeoutSet       the session or file already set lock_timeout / lock_wait_timeout
 * @param notValidInTransaction names of constraints added NOT VALID earlier in the still-open
 *                             transaction block: validating one of them now holds the ADD's lock
 *                             through the scan (PostgreSQL)
 */
public record CheckContext(ServerVersion serverVersion, Catalog catalog, boolean inTransactionBlock,
                           Set<TableRef> tablesCreatedEarlier, boolean lockTimeoutSet,
                           Set<String> notValidInTransaction) {
    public CheckContext {
        Objects.requireNonNull(serverVersion, "serverVersion must not be null");
        Objects.requireNonNull(catalog, "catalog must not be null");
        tablesCreatedEarlier = Set.copyOf(tablesCreatedEarlier);
        notValidInTransaction = Set.copyOf(notValidInTransaction);
    }

    public CheckContext(ServerVersion serverVersion, Catalog catalog, boolean inTransactionBlock,
                        Set<TableRef> tablesCreatedEarlier, boolean lockTimeoutSet) {
        this(serverVersion, catalog, inTransactionBlock, tablesCreatedEarlier, lockTimeoutSet, Set.of());
    }

    /** A context for one statement on its own: no transaction block, nothing created earlier. */
    public static CheckContext standalone(ServerVersion serverVersion, Catalog catalog) {
        return new CheckContext(serverVersion, catalog, false, Set.of(), false, Set.of());
    }
}

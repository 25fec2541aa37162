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
 */
public record CheckContext(ServerVersion serverVersion, Catalog catalog, boolean inTransactionBlock,
                           Set<TableRef> tablesCreatedEarlier, boolean lockTimeoutSet) {
    public CheckContext {
        Objects.requireNonNull(serverVersion, "serverVersion must not be null");
        Objects.requireNonNull(catalog, "catalog must not be null");
        tablesCreatedEarlier = Set.copyOf(tablesCreatedEarlier);
    }
}

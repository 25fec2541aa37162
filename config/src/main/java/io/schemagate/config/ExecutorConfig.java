package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;

/**
 * How the gateway runs the background steps of staged migrations.
 *
 * @param postgres        service account for PostgreSQL (default: user postgres, no password)
 * @param mysql           service account for MySQL (default: user root, no password)
 * @param targetBatchTime how long one backfill batch should take; the batch size adapts to it (default PT0.2S)
 * @param maxReplicaLag   backfill waits while a replica is further behind than this (default PT5S)
 * @param mysqlReplicas   {@code host:port} of MySQL replicas to watch (their lag is read with the same account)
 * @param lockTimeout     lock timeout for each DDL step (default PT2S)
 * @param maxAttempts     attempts of a DDL step on lock-timeout errors, with back-off (default 10)
 * @param progressInterval how often a client waiting for its migration (policy {@code wait: true}) is told
 *                        its progress, as a PostgreSQL NoticeResponse (default PT5S)
 */
public record ExecutorConfig(
        @JsonProperty("postgres") ServiceAccount postgres,
        @JsonProperty("mysql") ServiceAccount mysql,
        @JsonProperty("target_batch_time") Duration targetBatchTime,
        @JsonProperty("max_replica_lag") Duration maxReplicaLag,
        @JsonProperty("mysql_replicas") List<String> mysqlReplicas,
        @JsonProperty("lock_timeout") Duration lockTimeout,
        @JsonProperty("max_attempts") Integer maxAttempts,
        @JsonProperty("progress_interval") Duration progressInterval) {

    public static final ExecutorConfig DEFAULT = new ExecutorConfig(null, null, null, null, null, null, null, null);

    public ExecutorConfig {
        postgres = postgres == null ? new ServiceAccount("postgres", null, null) : postgres;
        mysql = mysql == null ? new ServiceAccount("root", null, null) : mysql;
        targetBatchTime = targetBatchTime == null ? Duration.ofMillis(200) : targetBatchTime;
        maxReplicaLag = maxReplicaLag == null ? Duration.ofSeconds(5) : maxReplicaLag;
        mysqlReplicas = mysqlReplicas == null ? List.of() : List.copyOf(mysqlReplicas);
        lockTimeout = lockTimeout == null ? Duration.ofSeconds(2) : lockTimeout;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        if (maxAttempts < 1) {
            throw new ConfigException("executor.max_attempts must be at least 1");
        }
        progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
        if (progressInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigException("executor.progress_interval must be at least PT0.1S");
        }
    }
}

package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit log.
 *
 * @param file        the JSON-lines file (default {@code audit/audit.jsonl}, relative to the working directory)
 * @param hmacKeyFile a file whose contents (trimmed) sign the chain with HMAC-SHA256, or null
 * @param hmacKeyEnv  the name of an environment variable holding the key instead, or null
 */
public record AuditConfig(
        @JsonProperty("file") String file,
        @JsonProperty("hmac_key_file") String hmacKeyFile,
        @JsonProperty("hmac_key_env") String hmacKeyEnv) {

    public static final String DEFAULT_FILE = "audit/audit.jsonl";
    public static final AuditConfig DEFAULT = new AuditConfig(DEFAULT_FILE, null, null);

    public AuditConfig {
        file = file == null ? DEFAULT_FILE : file;
        if (hmacKeyFile != null && hmacKeyEnv != null) {
            throw new ConfigException("audit: set hmac_key_file or hmac_key_env, not both");
        }
    }

    /** The HMAC key, or null when the log is not signed. */
    public byte[] hmacKey() {
        if (hmacKeyFile != null) {
            try {
                String key = Files.readString(Path.of(hmacKeyFile), StandardCharsets.UTF_8).trim();
                if (key.isEmpty()) {
                    throw new ConfigException("audit.hmac_key_file " + hmacKeyFile + " is empty");
                }
                return key.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("audit.hmac_key_file " + hmacKeyFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (hmacKeyEnv != null) {
            String key = System.getenv(hmacKeyEnv);
            if (key == null || key.isBlank()) {
                throw new ConfigException("audit.hmac_key_env names " + hmacKeyEnv + ", which is not set in the environment");
            }
            return key.trim().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}

package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database account the gateway's own service connections use to run the background steps of
 * staged migrations. The password comes from an environment variable or a file, never from the
 * configuration file itself.
 *
 * @param user         the database user
 * @param passwordEnv  name of an environment variable holding the password, or null
 * @param passwordFile a file whose first line is the password, or null
 */
public record ServiceAccount(
        @JsonProperty("user") String user,
        @JsonProperty("password_env") String passwordEnv,
        @JsonProperty("password_file") String passwordFile) {

    public ServiceAccount {
        if (passwordEnv != null && passwordFile != null) {
            throw new ConfigException("a service account takes password_env or password_file, not both");
        }
    }

    /** The password, or null for password-less (trust) authentication. */
    public String password() {
        if (passwordEnv != null) {
            String v = System.getenv(passwordEnv);
            if (v == null) {
                throw new ConfigException("password_env names " + passwordEnv + ", which is not set in the environment");
            }
            return v;
        }
        if (passwordFile != null) {
            try {
                return Files.readAllLines(Path.of(passwordFile)).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new ConfigException("password_file " + passwordFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        return null;
    }
}

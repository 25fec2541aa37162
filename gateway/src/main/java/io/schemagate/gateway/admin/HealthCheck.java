package io.schemagate.gateway.admin;

/** One condition {@code /health/ready} reports; ready only when all of them hold. */
public interface HealthCheck {

    String name();

    /** Null when healthy, else what is wrong, for the operator. */
    String problem();
}

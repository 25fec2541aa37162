package io.schemagate.gateway.approval;

import java.util.List;
import java.util.Optional;

/**
 * Where change requests live: local files for one gateway, PostgreSQL tables for several sharing
 * state. Updates are compare-and-set on {@link ChangeRequest#version()}, so two gateways (or two
 * approvers) acting at once never both win.
 */
public interface ChangeStore {

    void create(ChangeRequest request);

    Optional<ChangeRequest> get(String id);

    /** All requests, newest first. */
    List<ChangeRequest> list();

    /**
     * Replaces the stored request if its version is still {@code updated.version() - 1}.
     *
     * @return false when someone else changed it first
     */
    boolean replace(ChangeRequest updated);

    /** Approved, unused requests for this statement fingerprint, user and database, oldest first. */
    default List<ChangeRequest> approvedFor(String fingerprint, String requester, String database) {
        return list().stream()
                .filter(r -> r.status() == ChangeRequest.Status.APPROVED)
                .filter(r -> r.fingerprint().equals(fingerprint) && r.requester().equals(requester)
                        && java.util.Objects.equals(r.database(), database))
                .sorted(java.util.Comparator.comparing(ChangeRequest::createdAt))
                .toList();
    }
}

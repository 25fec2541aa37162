package io.schemagate.pg.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions a listener relays right now, by connection id. */
public final class PgSessions {

    private final Map<String, PgSession> byId = new ConcurrentHashMap<>();

    void add(PgSession s) {
        byId.put(s.id(), s);
    }

    void remove(PgSession s) {
        byId.remove(s.id());
    }

    public PgSession get(String id) {
        return byId.get(id);
    }

    public Collection<PgSession> all() {
        return List.copyOf(byId.values());
    }

    /** The session of the server backend with this process id (what pg_backend_pid() says), or null. */
    public PgSession byBackendPid(int pid) {
        for (PgSession s : byId.values()) {
            if (s.backendKey() != null && s.backendKey().processId() == pid) {
                return s;
            }
        }
        return null;
    }
}

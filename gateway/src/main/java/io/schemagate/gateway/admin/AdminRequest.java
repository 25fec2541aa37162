package io.schemagate.gateway.admin;

import java.util.List;
import java.util.Map;

/**
 * An admin API call, decoded from HTTP so the routes can be tested without a socket.
 *
 * @param method        GET, POST, ...
 * @param path          the path without the query string
 * @param query         query parameters
 * @param authorization the Authorization header, or null
 * @param body          the request body (UTF-8 JSON for POSTs), possibly empty
 * @param remoteAddress who called, for the audit log
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query, String authorization,
                           String body, String remoteAddress) {

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}

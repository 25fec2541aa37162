/**
 * MySQL client/server protocol: 3-byte framing with sequence ids, the handshake and auth relay, and
 * the command packets the gateway inspects. Every other packet travels opaque.
 */
package io.schemagate.mysql;

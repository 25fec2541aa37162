/**
 * PostgreSQL frontend/backend protocol version 3: framing, the few messages the gateway decodes or
 * writes, and the relay handlers. Every other message travels as an opaque frame.
 */
package io.schemagate.pg;

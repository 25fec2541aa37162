/**
 * The few protocol messages the gateway reads or writes, one class each, named as in the PostgreSQL
 * documentation (Frontend/Backend Protocol, Message Formats). Everything else is relayed unopened.
 */
package io.schemagate.pg.message;

/**
 * The relay of one client connection to its own server connection: handshake legs, auth relay,
 * command phase with response tracking, and the interception point for COM_QUERY / COM_STMT_PREPARE.
 * The application supplies the channel class and the event loop (this module does not know them).
 */
package io.schemagate.mysql.relay;

/**
 * The few MySQL packets the gateway reads or writes, named as in the MySQL protocol documentation:
 * HandshakeV10, HandshakeResponse41 (and its SSLRequest prefix), ERR_Packet, the status flags of
 * OK_Packet / EOF_Packet, capability flags and command bytes. Everything else is relayed opaque.
 */
package io.schemagate.mysql.packet;

/**
 * Framing of the PostgreSQL v3 protocol: the untyped startup-phase packets and the typed messages
 * after them. Frames are retained slices of what was read, never copies.
 */
package io.schemagate.pg.frame;

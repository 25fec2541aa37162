/**
 * MySQL packet framing: the 4-byte header (int&lt;3&gt; payload length, int&lt;1&gt; sequence id) and the
 * 16 MiB - 1 continuation rule. Frames travel as whole buffers, one frame or a run of consecutive
 * frames, and are read in place by index; nothing here decodes payloads.
 */
package io.schemagate.mysql.frame;

package io.schemagate.pg.message.backend;

/**
 * ParseComplete ('1'): the server accepted a Parse. The relay counts them, to know which Parse the
 * next CommandComplete answers when it must show a schema change run inside a DO block with the
 * statement's own command tag. It has no body, so nothing is ever decoded.
 */
public final class ParseComplete {

    public static final byte TYPE = '1';

    private ParseComplete() {
    }
}

package io.schemagate.pg.message.frontend;

/**
 * GSSENCRequest: Int32 8, Int32 80877104 (1234 &lt;&lt; 16 | 5680). The gateway has no Kerberos
 * credentials of its own, so it always answers 'N' and the client goes on to SSLRequest or startup.
 */
public final class GSSENCRequest {

    public static final int CODE = 80877104;

    private GSSENCRequest() {
    }
}

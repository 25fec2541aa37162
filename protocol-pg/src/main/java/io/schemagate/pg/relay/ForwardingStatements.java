package io.schemagate.pg.relay;

import io.schemagate.pg.frame.PgFrame;

/** The relay without a gate: Query and Parse go to the server as the client sent them. */
final class ForwardingStatements implements StatementRelay {

    private final PgFrontendHandler frontend;

    ForwardingStatements(PgFrontendHandler frontend) {
        this.frontend = frontend;
    }

    @Override
    public void onStatement(PgFrame frame) {
        frontend.forward(frame);
    }

    @Override
    public void onOther(Object msg) {
        // Never holding, so never called; forwarding keeps order if it ever is.
        frontend.forward(msg);
    }

    @Override
    public boolean holding() {
        return false;
    }

    @Override
    public void discard() {
        // Nothing is held.
    }
}

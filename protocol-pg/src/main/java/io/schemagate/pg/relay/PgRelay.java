package io.schemagate.pg.relay;

import io.netty.channel.Channel;
import io.schemagate.pg.frame.StartupPacketDecoder;

/**
 * One listener's relay: its settings, the sessions it carries and their cancel keys.
 */
public final class PgRelay {

    private final PgRelaySettings settings;
    private final PgSessions sessions = new PgSessions();
    private final CancelRegistry cancels;

    public PgRelay(PgRelaySettings settings) {
        this.settings = settings;
        this.cancels = new CancelRegistry(settings.channelClass());
    }

    public PgRelaySettings settings() {
        return settings;
    }

    public PgSessions sessions() {
        return sessions;
    }

    public CancelRegistry cancels() {
        return cancels;
    }

    /** Sets up the pipeline of an accepted client channel (accepted with autoRead off). */
    public void configure(Channel client) {
        StartupPacketDecoder startup = new StartupPacketDecoder();
        client.pipeline().addLast("startup", startup);
        client.pipeline().addLast("frontend", new PgFrontendHandler(this, startup));
    }
}

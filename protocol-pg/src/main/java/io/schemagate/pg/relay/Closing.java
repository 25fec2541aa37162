package io.schemagate.pg.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.DecoderException;

import java.util.concurrent.CompletionException;

/** Closing helpers shared by both sides of a relay. */
final class Closing {

    private Closing() {
    }

    /**
     * Closes after everything already written has been flushed, so the peer sees the last bytes. A
     * channel still connecting is closed at once, which cancels the connect.
     */
    static void closeOnFlush(Channel ch) {
        if (ch == null) {
            return;
        }
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    /** The exception a handler or a future threw, without Netty's decoder or a future's wrapper. */
    static Throwable unwrap(Throwable t) {
        return (t instanceof DecoderException || t instanceof CompletionException) && t.getCause() != null
                ? t.getCause() : t;
    }

    /** host:port as a person writes it (InetSocketAddress.toString adds a slash and maybe a resolved name). */
    static String hostPort(java.net.SocketAddress address) {
        return address instanceof java.net.InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : String.valueOf(address);
    }

    /** A short reason for logs: the exception's message, or its class when it has none. */
    static String reason(Throwable t) {
        t = unwrap(t);
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}

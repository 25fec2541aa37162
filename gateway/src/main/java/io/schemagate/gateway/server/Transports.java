package io.schemagate.gateway.server;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll where the platform has it, NIO elsewhere; chosen once per process. */
public final class Transports {

    private static final boolean EPOLL = Epoll.isAvailable() && !Boolean.getBoolean("schemagate.nio");

    /**
     * How much each read asks the kernel for. Netty's default guess shrinks to 64 bytes on a connection
     * that carries small messages, so a slightly larger query or result then takes two reads and, on
     * the relay, two writes. Reading at least 1 KiB keeps a typical OLTP message in one read; the
     * buffer lives only until the bytes are written on.
     */
    private static final RecvByteBufAllocator READ_SIZES = new AdaptiveRecvByteBufAllocator(1024, 2048, 65536);

    private Transports() {
    }

    /** The read sizing of relayed connections; server connections take it from their client's channel. */
    public static RecvByteBufAllocator readSizes() {
        return READ_SIZES;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    public static EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> clientChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}

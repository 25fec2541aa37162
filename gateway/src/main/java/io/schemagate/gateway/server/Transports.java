package io.schemagate.gateway.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

import java.util.Locale;

/**
 * The socket transport, chosen once per process with {@code -Dschemagate.transport=epoll|io_uring|nio}:
 * native epoll by default where the platform has it, NIO elsewhere; io_uring on request where the
 * kernel allows it.
 */
public final class Transports {

    private enum Kind { EPOLL, IO_URING, NIO }

    private static final Kind KIND = choose();

    private Transports() {
    }

    private static Kind choose() {
        String asked = System.getProperty("schemagate.transport", Boolean.getBoolean("schemagate.nio") ? "nio" : "epoll")
                .toLowerCase(Locale.ROOT);
        if (asked.equals("io_uring") && IoUring.isAvailable()) {
            return Kind.IO_URING;
        }
        if (!asked.equals("nio") && Epoll.isAvailable()) {
            return Kind.EPOLL;
        }
        return Kind.NIO;
    }

    public static String name() {
        return KIND.name().toLowerCase(Locale.ROOT);
    }

    public static EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = switch (KIND) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return switch (KIND) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public static Class<? extends SocketChannel> clientChannel() {
        return switch (KIND) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }
}

package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.InstallerException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The status API: HTTP on 127.0.0.1 only (operators reach it through an SSH tunnel, never from the
 * network). {@code GET /status}, {@code GET /events} (server-sent events, resumable with
 * {@code Last-Event-ID} or {@code ?after=N}), {@code GET /log}, {@code POST /disk-key},
 * {@code POST /confirm}. Request bodies are capped at {@link #MAX_BODY} bytes.
 */
public final class StatusServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 7700;
    static final int MAX_BODY = 4096;
    private static final long BIND_SECONDS = 10;

    private final EventLoopGroup group;
    private final Channel channel;

    private StatusServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0}: any free port). */
    public static StatusServer start(int port, EventLog log, Inbox inbox) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new StatusHandler(log, inbox));
                    }
                });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ChannelFuture bound = bootstrap.bind(address);
        if (!bound.awaitUninterruptibly(BIND_SECONDS, TimeUnit.SECONDS) || !bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw new InstallerException(
                    InstallerException.Category.PERMANENT,
                    "cannot start the status API on " + address + ": "
                            + (cause == null ? "no answer within " + BIND_SECONDS + " s" : cause.getMessage()),
                    cause);
        }
        return new StatusServer(group, bound.channel());
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(BIND_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(BIND_SECONDS, TimeUnit.SECONDS);
    }
}

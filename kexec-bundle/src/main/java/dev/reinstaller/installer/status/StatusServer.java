package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.InstallerException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The status API: HTTP on 127.0.0.1 only (operators reach it through an SSH tunnel, never from the
 * network). {@code GET /status}, {@code GET /events} (server-sent events, resumable with
 * {@code Last-Event-ID}, {@code ?since=N} or {@code ?after=N}), {@code GET /log}, {@code POST /disk-key},
 * {@code POST /confirm}. Request bodies are capped at {@link #MAX_BODY} bytes; the other bounds (idle
 * and request timeouts, connections, header size, how far an event stream may fall behind) are
 * {@link Limits}.
 *
 * <p>Pipeline, head first: the connection cap, the idle timeout, the response encoder, the request
 * deadline (sees bytes in, responses out), the request decoder, the guard that answers malformed
 * requests, the body aggregator, the routes. Event streams run on threads of their own.
 */
public final class StatusServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 7700;
    static final int MAX_BODY = 4096;
    private static final long BIND_SECONDS = 10;
    /** Write-buffer water marks: an event stream pauses above the high one until below the low one. */
    static final int LOW_WATER = 32 * 1024;

    static final int HIGH_WATER = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private StatusServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0}: any free port). */
    public static StatusServer start(int port, EventLog log, Inbox inbox) {
        return start(port, log, inbox, Limits.DEFAULT);
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0}: any free port) with the given bounds. */
    public static StatusServer start(int port, EventLog log, Inbox inbox, Limits limits) {
        ConnectionLimit connections = new ConnectionLimit(limits.maxConnections());
        Semaphore streamTurns = new Semaphore(1);
        StatusView view = new StatusView(log);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER, HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(connections)
                                .addLast(new IdleClose(limits.idleTimeout()))
                                .addLast(new HttpResponseEncoder())
                                .addLast(new RequestDeadline(limits.requestTimeout()))
                                .addLast(RequestGuard.decoder(limits))
                                .addLast(new RequestGuard())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new StatusHandler(log, inbox, limits, streamTurns, view));
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

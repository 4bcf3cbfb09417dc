package dev.reinstaller.installer.status;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Before the decoder: the first byte of a request starts a clock, the response to it stops it. A
 * client that trickles a request (one header byte every few seconds keeps a plain idle timeout happy)
 * gets a 408 and is closed when the clock runs out. It sits between the response encoder and the
 * request decoder, so it reads bytes and sees responses as objects.
 */
final class RequestDeadline extends ChannelDuplexHandler {
    private final Duration limit;
    private ScheduledFuture<?> timer;

    RequestDeadline(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse) {
            stop();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Responses.closing(
                        HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request did not arrive within " + limit.toMillis() + " ms\n"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}

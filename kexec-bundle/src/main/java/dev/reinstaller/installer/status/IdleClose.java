package dev.reinstaller.installer.status;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that neither sent anything nor took a write for the idle timeout. A flowing event
 * stream completes a write at least every keep-alive interval, so only a stalled client is closed.
 */
final class IdleClose extends IdleStateHandler {
    IdleClose(Duration timeout) {
        super(false, 0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        ctx.close();
    }
}

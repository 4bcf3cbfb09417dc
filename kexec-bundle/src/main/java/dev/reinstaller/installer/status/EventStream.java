package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a {@link Subscription} to one connection from a virtual thread of its own, never from the
 * network thread: it takes a batch from the log (a short copy under the log's lock), encodes it, hands
 * it to the event loop and waits until the event loop has queued it, and takes the next batch only
 * while the channel is writable (below its high water mark). So a slow client holds at most one batch
 * plus the water mark, and the log's history is shared by every reader.
 *
 * <p>{@code GET /events} follows the log as server-sent events and ends with a final {@code dropped}
 * event when the client fell behind by its queue's bound; {@code GET /log} sends the kept entries as
 * JSON lines and ends; either closes the connection at its end.
 */
final class EventStream implements Runnable {
    static final int BATCH_ENTRIES = 256;
    static final long BATCH_BYTES = 32 * 1024;
    /** How long the event loop may take to accept one batch before the stream gives up. */
    private static final Duration HAND_OVER = Duration.ofSeconds(10);

    /** How the entries are framed. */
    enum Format {
        /** Server-sent events, following the log. */
        EVENTS,
        /** One JSON line per entry, up to the newest at the time of the request. */
        LINES
    }

    private final Channel channel;
    private final Format format;
    private final Duration keepAlive;
    private final Subscription subscription;
    private final Semaphore turns;
    private volatile Thread thread;

    /**
     * A stream of the entries after {@code after} to {@code channel}, whose response head was written
     * already; {@link #start} sends it. Streams sharing {@code turns} encode and send one at a time, so
     * together they take at most one core from the network thread and the phases.
     */
    EventStream(Channel channel, EventLog log, long after, Format format, Limits limits, Semaphore turns) {
        this.channel = channel;
        this.turns = turns;
        this.format = format;
        this.keepAlive = limits.keepAlive();
        this.subscription = log.subscribe(after, limits.subscriberQueueBytes(), this::wake);
    }

    /** Starts the stream's thread; it ends with the stream or the connection. */
    EventStream start() {
        Thread started = Thread.ofVirtual()
                .name("status-stream-" + channel.id().asShortText())
                .unstarted(this);
        thread = started;
        channel.closeFuture().addListener(f -> wake());
        started.start();
        return this;
    }

    /** Called by the log, the channel's writability changes and its closing; never blocks. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** What one turn did. */
    private enum Step {
        SENT,
        IDLE,
        ENDED
    }

    @Override
    public void run() {
        try (subscription) {
            long quietSince = System.nanoTime();
            while (channel.isActive()) {
                if (!channel.isWritable() && !subscription.behind()) {
                    LockSupport.parkNanos(keepAlive.toNanos());
                    continue;
                }
                if (!turns.tryAcquire(HAND_OVER.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Step step;
                try {
                    step = turn(System.nanoTime() - quietSince >= keepAlive.toNanos());
                } finally {
                    turns.release();
                }
                switch (step) {
                    case SENT -> quietSince = System.nanoTime();
                    case IDLE -> LockSupport.parkNanos(keepAlive.toNanos() - (System.nanoTime() - quietSince));
                    case ENDED -> {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
        } catch (RuntimeException e) {
            channel.close();
        }
    }

    /** Takes one batch and sends it, or the end, or a keep-alive when {@code quiet}. */
    private Step turn(boolean quiet) {
        Subscription.Batch batch = subscription.next(BATCH_ENTRIES, BATCH_BYTES);
        if (batch.behind()) {
            hand(new DefaultLastHttpContent(text(dropped(batch.lastSeq()))), true);
            return Step.ENDED;
        }
        if (!batch.isEmpty()) {
            hand(new DefaultHttpContent(text(encode(batch))), false);
            return Step.SENT;
        }
        if (format == Format.LINES) {
            hand(new DefaultLastHttpContent(), true);
            return Step.ENDED;
        }
        if (quiet) {
            hand(new DefaultHttpContent(text(": keep-alive\n\n")), false);
            return Step.SENT;
        }
        return Step.IDLE;
    }

    private String encode(Subscription.Batch batch) {
        StringBuilder out = new StringBuilder();
        if (batch.missedFrom() > 0) {
            String note = "events " + batch.missedFrom() + " to " + batch.missedTo() + " are no longer kept";
            out.append(format == Format.EVENTS ? ": " + note + "\n\n" : "");
        }
        for (EventLog.Kept kept : batch.entries()) {
            if (format == Format.EVENTS) {
                out.append("id: ")
                        .append(kept.entry().seq())
                        .append("\ndata: ")
                        .append(kept.json())
                        .append("\n\n");
            } else {
                out.append(kept.json()).append('\n');
            }
        }
        return out.toString();
    }

    private String dropped(long lastSeq) {
        String data = "{\"type\":\"dropped\",\"lastSeq\":" + lastSeq
                + ",\"message\":\"this client fell behind the event log; reconnect with Last-Event-ID: " + lastSeq
                + " to get what it missed\"}";
        return format == Format.EVENTS ? "event: dropped\ndata: " + data + "\n\n" : data + "\n";
    }

    private ByteBuf text(String text) {
        ByteBuf buffer = channel.alloc().buffer(ByteBufUtil.utf8MaxBytes(text));
        ByteBufUtil.writeUtf8(buffer, text);
        return buffer;
    }

    /** Writes on the event loop and waits until it did, so writability is up to date afterwards. */
    private void hand(HttpObject message, boolean close) {
        Future<?> queued = channel.eventLoop().submit(() -> {
            ChannelFuture written = channel.writeAndFlush(message);
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        });
        if (!queued.awaitUninterruptibly(HAND_OVER.toMillis(), TimeUnit.MILLISECONDS) || !queued.isSuccess()) {
            if (queued.isDone()) {
                ReferenceCountUtil.release(message);
            }
            channel.close();
        }
    }
}

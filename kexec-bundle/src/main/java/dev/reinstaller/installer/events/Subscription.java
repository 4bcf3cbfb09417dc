package dev.reinstaller.installer.events;

import java.util.List;

/**
 * One reader's place in an {@link EventLog}: the sequence number it has been handed up to. The reader
 * runs on a thread of its own and pulls {@link Batch}es with {@link #next}; the log only updates a few
 * numbers on each {@code emit} and, when the reader said it waits, calls its wake-up. The entries a
 * reader has not taken yet are its queue; when the events emitted since it subscribed that it has not
 * taken exceed {@code queueBytes} (counted as {@link EventLog} counts its history), it is behind for
 * good: its next batch says so and it gets nothing more.
 */
public final class Subscription implements AutoCloseable {
    /**
     * What a reader takes next.
     *
     * @param missedFrom first sequence number no longer kept when the reader asked for it (0: none)
     * @param missedTo last such number
     * @param behind the reader fell too far behind and must reconnect; {@code entries} is empty
     * @param lastSeq the sequence number handed last, after this batch (the resume point)
     */
    public record Batch(long missedFrom, long missedTo, List<EventLog.Kept> entries, boolean behind, long lastSeq) {
        public Batch {
            entries = List.copyOf(entries);
        }

        public boolean isEmpty() {
            return entries.isEmpty() && missedFrom == 0 && !behind;
        }
    }

    private final EventLog log;
    final long queueBytes;
    final Runnable wake;
    // The fields below are guarded by the log's lock.
    long cursor;
    long startCost;
    long takenCost;
    boolean started;
    boolean behind;
    boolean waiting;
    boolean closed;

    Subscription(EventLog log, long cursor, long startCost, long queueBytes, Runnable wake) {
        this.log = log;
        this.cursor = cursor;
        this.startCost = startCost;
        this.takenCost = startCost;
        this.queueBytes = queueBytes;
        this.wake = wake;
    }

    /**
     * Up to {@code maxEntries} entries (and about {@code maxBytes} of wire form) after the last one
     * taken. An empty batch means the reader is caught up; the log then calls its wake-up once on the
     * next emit.
     */
    public Batch next(int maxEntries, long maxBytes) {
        return log.next(this, maxEntries, maxBytes);
    }

    /** True once the reader fell too far behind; it will get nothing more. */
    public boolean behind() {
        return log.isBehind(this);
    }

    /** Stops the subscription; the log forgets this reader. */
    @Override
    public void close() {
        log.remove(this);
    }
}

package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Run in a JVM of its own with the ramdisk's heap ({@code -Xmx256m}): a status server with stalled and
 * slow {@code /events} subscribers while one thread emits {@link #LINES} log lines, and a probe that
 * times {@code GET /status} throughout. Prints one {@code RESULT key=value ...} line.
 */
final class EventStreamLoad {
    static final int LINES = 200_000;
    static final int STALLED = 3;
    static final int SLOW = 2;
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(20);
    private static final String PADDING = "x".repeat(120);

    /** A full collection to measure the live heap never overlaps a timed request. */
    private static final ReentrantReadWriteLock MEASURING = new ReentrantReadWriteLock();

    private EventStreamLoad() {}

    public static void main(String[] args) throws Exception {
        EventLog log = new EventLog(Clock.system(), new PrintWriter(Writer.nullWriter()));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> liveHeap = new ArrayList<>();
        liveHeap.add(live(memory));
        List<Long> statusMillis = Collections.synchronizedList(new ArrayList<>());
        List<Socket> sockets = new ArrayList<>();
        AtomicLong slowBytes = new AtomicLong();
        try (StatusServer server = StatusServer.start(0, log, new Inbox(Clock.system()))) {
            InetSocketAddress address = server.address();
            RawHttp.exchange(address, "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", SOCKET_WAIT);
            for (int i = 0; i < STALLED; i++) {
                sockets.add(subscribe(address));
            }
            for (int i = 0; i < SLOW; i++) {
                Socket socket = subscribe(address);
                sockets.add(socket);
                Thread.ofPlatform().daemon().start(() -> readSlowly(socket, slowBytes));
            }
            Thread probe = Thread.ofPlatform().daemon().start(() -> probe(address, statusMillis));
            long start = System.nanoTime();
            String outcome = "completed";
            try {
                for (int i = 1; i <= LINES; i++) {
                    log.log(Phase.INSTALL, "line " + i + " " + PADDING);
                    if (i % (LINES / 4) == 0) {
                        liveHeap.add(live(memory));
                    }
                }
            } catch (OutOfMemoryError e) {
                outcome = "out-of-memory";
            }
            long emitMillis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(2000);
            liveHeap.add(live(memory));
            probe.interrupt();
            probe.join(SOCKET_WAIT.toMillis());
            List<Long> sorted;
            synchronized (statusMillis) {
                sorted = new ArrayList<>(statusMillis);
            }
            System.err.println("LAT " + sorted);
            Collections.sort(sorted);
            System.out.printf(
                    "RESULT outcome=%s emitMillis=%d liveHeapMiB=%s maxLiveHeapMiB=%d probes=%d statusP99Millis=%d"
                            + " statusMaxMillis=%d slowBytes=%d%n",
                    outcome,
                    emitMillis,
                    liveHeap.stream().map(b -> b >> 20).toList().toString().replace(" ", ""),
                    Collections.max(liveHeap) >> 20,
                    sorted.size(),
                    sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                    sorted.isEmpty() ? -1 : sorted.getLast(),
                    slowBytes.get());
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Heap in use right after a full collection: what the process really holds. */
    private static long live(MemoryMXBean memory) {
        MEASURING.writeLock().lock();
        try {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        } finally {
            MEASURING.writeLock().unlock();
        }
    }

    private static Socket subscribe(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(address, (int) SOCKET_WAIT.toMillis());
        socket.setSoTimeout((int) SOCKET_WAIT.toMillis());
        socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    private static void readSlowly(Socket socket, AtomicLong total) {
        byte[] buffer = new byte[1024];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total.addAndGet(n);
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            // The stream ended or the run is over.
        }
    }

    /** Times {@code GET /status} on one kept-alive connection, as a polling client would. */
    private static void probe(InetSocketAddress address, List<Long> millis) {
        byte[] request = "GET /status HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = RawHttp.connect(address, SOCKET_WAIT)) {
            while (!Thread.currentThread().isInterrupted()) {
                MEASURING.readLock().lock();
                long start = System.nanoTime();
                RawHttp.Reply reply;
                try {
                    socket.getOutputStream().write(request);
                    reply = RawHttp.read(socket.getInputStream());
                } finally {
                    MEASURING.readLock().unlock();
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                millis.add(reply.status() == 200 ? took : Long.MAX_VALUE);
                Thread.sleep(20);
            }
        } catch (IOException e) {
            millis.add(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

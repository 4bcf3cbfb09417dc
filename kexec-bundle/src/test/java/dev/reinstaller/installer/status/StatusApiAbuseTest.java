package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Malformed, oversized, slow, stalled and concurrent clients at once against one status server on
 * loopback, while a phase keeps emitting; bounded in count (a fixed seed) and time. Every input ends
 * with an answer or a close from the server, and {@code /status} keeps answering.
 */
class StatusApiAbuseTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Limits LIMITS =
            new Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300), 48, 8192, 64 * 1024);
    private static final int MUTATED = 240;
    private static final int SLOW = 8;
    private static final int STALLED = 8;
    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 404, 405, 408, 413, 414, 431, 503);
    private static final String[] TEMPLATES = {
        "GET /status HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /events?since=3 HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 2\r\nConnection: close\r\n\r\n",
        "POST /confirm HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\ntoken-1",
        "POST /disk-key HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n",
        "GET /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    };

    private final EventLog log = new EventLog(Clock.system(), new PrintWriter(Writer.nullWriter()));

    @Test
    void malformedOversizedSlowStalledAndConcurrentClientsAllGetAnEnd() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            log.log(Phase.INSTALL, "history line " + i);
        }
        ConcurrentLinkedQueue<Long> statusMillis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        AtomicLong maxHeap = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        List<Socket> stalled = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (StatusServer server = StatusServer.start(0, log, new Inbox(Clock.system()), LIMITS)) {
            InetSocketAddress address = server.address();
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> emit(running)));
            work.add(pool.submit(() -> probe(address, running, statusMillis)));
            work.add(pool.submit(() -> sampleHeap(running, maxHeap)));
            for (int i = 0; i < STALLED; i++) {
                stalled.add(stall(address));
            }
            List<String> inputs = inputs();
            for (String input : inputs) {
                work.add(pool.submit(() -> expectEnd(address, input, unanswered)));
            }
            for (int i = 0; i < SLOW; i++) {
                work.add(pool.submit(() -> trickle(address, unanswered)));
            }
            for (Future<?> f : work.subList(3, work.size())) {
                f.get(60, TimeUnit.SECONDS);
            }
            running.set(false);
            for (Future<?> f : work.subList(0, 3)) {
                f.get(30, TimeUnit.SECONDS);
            }
            long end = System.nanoTime() + WAIT.toNanos();
            while (log.subscribers() > 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            RawHttp.Reply after =
                    RawHttp.exchange(address, "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);

            List<Long> sorted = new ArrayList<>(statusMillis);
            Collections.sort(sorted);
            long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
            System.out.printf(
                    "abuse: %d inputs (%d mutated or oversized, %d slow, %d stalled) in %d ms; max heap used %d MiB;"
                            + " /status p99 %d ms, max %d ms over %d probes%n",
                    inputs.size() + SLOW + STALLED,
                    inputs.size(),
                    SLOW,
                    STALLED,
                    (System.nanoTime() - start) / 1_000_000,
                    maxHeap.get() >> 20,
                    p99,
                    sorted.getLast(),
                    sorted.size());
            assertThat(unanswered).isEmpty();
            assertThat(log.subscribers())
                    .as("stalled streams closed by the idle timeout")
                    .isZero();
            assertThat(after.status()).isEqualTo(200);
            assertThat(sorted.size()).isGreaterThan(20);
            assertThat(p99).isLessThan(EventStreamHeapTest.STATUS_P99_BOUND_MILLIS);
        } finally {
            running.set(false);
            pool.shutdownNow();
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** Mutations of valid requests (flipped, dropped, inserted bytes, cuts) and oversized ones. */
    private static List<String> inputs() {
        Random random = new Random(14);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < MUTATED; i++) {
            StringBuilder text = new StringBuilder(TEMPLATES[i % TEMPLATES.length]);
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(5)) {
                    case 0 -> text.setCharAt(at, (char) random.nextInt(256));
                    case 1 -> text.deleteCharAt(at);
                    case 2 -> text.insert(at, (char) random.nextInt(256));
                    case 3 -> text.insert(at, "%" + (char) ('g' + random.nextInt(20)));
                    default -> text.setLength(Math.max(1, at));
                }
            }
            inputs.add(text.toString());
        }
        inputs.add("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");
        inputs.add("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        inputs.add("POST /confirm HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + "t".repeat(1_000_000));
        inputs.add("POST /confirm HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef");
        inputs.add("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        return inputs;
    }

    /** The server must answer or close within the request deadline plus the idle timeout. */
    private static void expectEnd(InetSocketAddress address, String input, ConcurrentLinkedQueue<String> unanswered) {
        Duration bound = LIMITS.requestTimeout().plus(LIMITS.idleTimeout()).plusSeconds(3);
        try {
            RawHttp.Reply reply = RawHttp.firstLine(address, input, bound);
            boolean ended = reply.statusLine().equals("closed without reply") || ANSWERS.contains(reply.status());
            if (!ended) {
                unanswered.add(reply.statusLine() + " for " + quote(input));
            }
        } catch (IOException e) {
            unanswered.add(e + " for " + quote(input));
        }
    }

    private static void trickle(InetSocketAddress address, ConcurrentLinkedQueue<String> unanswered) {
        try (Socket socket = RawHttp.connect(address, WAIT)) {
            try {
                for (int i = 0; i < 100; i++) {
                    socket.getOutputStream()
                            .write(i == 0 ? "GET /status HTTP/1.1\r\nX: ".getBytes() : new byte[] {'a'});
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                // Closed by the server, as it should be.
            }
            RawHttp.Reply reply = RawHttp.read(socket.getInputStream());
            if (reply.status() != 408 && !reply.statusLine().equals("closed without reply")) {
                unanswered.add("slow client got " + reply.statusLine());
            }
        } catch (IOException | InterruptedException e) {
            unanswered.add("slow client: " + e);
        }
    }

    private static Socket stall(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(address, (int) WAIT.toMillis());
        socket.getOutputStream()
                .write("GET /events?since=0 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private void emit(AtomicBoolean running) {
        for (long i = 0; running.get(); i++) {
            log.log(Phase.INSTALL, "live line " + i);
            if (i % 100 == 0) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void probe(InetSocketAddress address, AtomicBoolean running, ConcurrentLinkedQueue<Long> millis) {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                RawHttp.Reply reply =
                        RawHttp.exchange(address, "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);
                millis.add(reply.status() == 200 ? (System.nanoTime() - start) / 1_000_000 : Long.MAX_VALUE);
                Thread.sleep(25);
            } catch (IOException e) {
                millis.add(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sampleHeap(AtomicBoolean running, AtomicLong max) {
        while (running.get()) {
            max.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String quote(String input) {
        String head = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        return head.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /events} and {@code /log} against a real server. */
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Limits LIMITS =
            new Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300), 16, 8192, 4096);

    private final EventLog log = new EventLog(Clock.system(), new PrintWriter(new StringWriter()));
    private final StatusServer server = StatusServer.start(0, log, new Inbox(Clock.system()), LIMITS);

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket get(String path, String headers) throws IOException {
        Socket socket = RawHttp.connect(server.address(), WAIT);
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** Reads until {@code until} appears, the stream ends, or {@code limit} passes. */
    private static String readUntil(Socket socket, String until, Duration limit) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + limit.toNanos();
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < end && !got.toString(StandardCharsets.UTF_8).contains(until)) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // Look again until the limit.
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eventsReplayAfterTheLastSeenIdThenFollowTheLog() throws Exception {
        log.log(Phase.PARAMS, "one");
        log.log(Phase.PARAMS, "two");
        try (Socket socket = get("/events", "Last-Event-ID: 1\r\n")) {
            String replay = readUntil(socket, "\"line\":\"two\"", WAIT);
            log.log(Phase.PARAMS, "three");
            String live = readUntil(socket, "\"line\":\"three\"", WAIT);

            assertThat(replay)
                    .contains("text/event-stream", "id: 2\ndata: {\"seq\":2,")
                    .doesNotContain("\"one\"");
            assertThat(live).contains("id: 3\n");
        }
    }

    @Test
    void sinceResumesLikeLastEventIdAndAnIdleStreamSendsKeepAlives() throws Exception {
        List.of("first", "second").forEach(line -> log.log(Phase.INSTALL, line));

        String text;
        try (Socket socket = get("/events?since=1", "")) {
            text = readUntil(socket, ": keep-alive", WAIT);
        }

        assertThat(text).contains("\"line\":\"second\"", ": keep-alive\n\n").doesNotContain("\"first\"");
    }

    @Test
    void aFlowingStreamOutlivesTheIdleTimeout() throws Exception {
        try (Socket socket = get("/events", "")) {
            String text = readUntil(socket, "never", LIMITS.idleTimeout().multipliedBy(2));
            log.log(Phase.PARAMS, "still here");

            assertThat(readUntil(socket, "still here", WAIT)).contains("still here");
            assertThat(text).contains(": keep-alive");
        }
    }

    @Test
    void aClientThatFallsBehindGetsAFinalEventAndCanResumeFromIt() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(server.address(), (int) WAIT.toMillis());
            stalled.getOutputStream()
                    .write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.awaitSubscribers(log, 1, WAIT);
            for (int i = 1; i <= 20_000; i++) {
                log.log(Phase.INSTALL, "line " + i + " " + "y".repeat(100));
            }
            String text = readUntil(stalled, "event: dropped", Duration.ofSeconds(20));

            assertThat(text).contains("event: dropped", "reconnect with Last-Event-ID");
            long last = Long.parseLong(text.replaceAll("(?s).*\"lastSeq\":(\\d+).*", "$1"));
            assertThat(last).isBetween(0L, 19_999L);
            try (Socket again = get("/events", "Last-Event-ID: " + last + "\r\n")) {
                assertThat(readUntil(again, "id: " + (last + 1) + "\n", WAIT)).contains("id: " + (last + 1) + "\n");
            }
        }
    }

    @Test
    void logSendsTheKeptEntriesAsLinesAndEnds() throws Exception {
        log.log(Phase.PARAMS, "one");
        log.log(Phase.PARAMS, "two");
        try (Socket socket = get("/log", "Connection: close\r\n")) {
            String text = readUntil(socket, "never", WAIT);

            assertThat(text)
                    .contains("text/plain", "\"line\":\"one\"", "\"line\":\"two\"")
                    .endsWith("0\r\n\r\n");
        }
    }
}

package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle timeout, the request deadline and the connection cap, with short limits. */
class StatusServerLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Limits LIMITS =
            new Limits(Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofMillis(300), 4, 8192, 1 << 20);

    private final EventLog log = new EventLog(Clock.system(), new PrintWriter(new StringWriter()));
    private final StatusServer server = StatusServer.start(0, log, new Inbox(Clock.system()), LIMITS);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
        try (Socket socket = RawHttp.connect(server.address(), WAIT)) {
            long start = System.nanoTime();

            int read = socket.getInputStream().read();

            assertThat(read).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(LIMITS.idleTimeout().minusMillis(100), WAIT);
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenIdleAfterItsAnswer() throws Exception {
        try (Socket socket = RawHttp.connect(server.address(), WAIT)) {
            socket.getOutputStream()
                    .write("GET /status HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Reply reply = RawHttp.read(socket.getInputStream());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aClientThatTricklesItsRequestGets408() throws Exception {
        try (Socket socket = RawHttp.connect(server.address(), WAIT)) {
            long start = System.nanoTime();
            String request = "GET /status HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(40);
            try {
                for (char c : request.toCharArray()) {
                    socket.getOutputStream().write(c);
                    socket.getOutputStream().flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException e) {
                // Closed by the server while trickling, as it should.
            }
            RawHttp.Reply reply = RawHttp.read(socket.getInputStream());

            assertThat(reply.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4000));
        }
    }

    @Test
    void connectionsBeyondTheCapGet503AndTheOthersStillWork() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxConnections(); i++) {
                Socket socket = RawHttp.connect(server.address(), WAIT);
                socket.getOutputStream()
                        .write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                held.add(socket);
            }
            RawHttp.awaitSubscribers(log, LIMITS.maxConnections(), WAIT);

            RawHttp.Reply refused = RawHttp.exchange(
                    server.address(), "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);
            held.getFirst().close();
            RawHttp.awaitSubscribers(log, LIMITS.maxConnections() - 1, WAIT);
            RawHttp.Reply served = RawHttp.exchange(
                    server.address(), "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text()).contains("too many connections");
            assertThat(served.status()).isEqualTo(200);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}

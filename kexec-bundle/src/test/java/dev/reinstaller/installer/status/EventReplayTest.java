package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** New {@code /events} subscribers replay a full history while {@code /status} keeps answering. */
class EventReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PROBES = 60;

    @Test
    void replayingAFullHistoryToManyClientsDoesNotDelayStatus() throws Exception {
        EventLog log = new EventLog(Clock.system(), new PrintWriter(Writer.nullWriter()));
        for (int i = 1; i <= EventLog.DEFAULT_CAPACITY; i++) {
            log.log(Phase.INSTALL, "line " + i + " of the history a new subscriber replays");
        }
        List<Socket> sockets = new ArrayList<>();
        AtomicLong read = new AtomicLong();
        try (StatusServer server = StatusServer.start(0, log, new Inbox(Clock.system()))) {
            RawHttp.exchange(server.address(), "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);
            for (int i = 0; i < 8; i++) {
                Socket socket = RawHttp.connect(server.address(), WAIT);
                sockets.add(socket);
                socket.getOutputStream()
                        .write("GET /events?since=0 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (i % 2 == 0) {
                    Thread.ofPlatform().daemon().start(() -> drain(socket, read));
                }
            }
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                RawHttp.Reply reply = RawHttp.exchange(
                        server.address(), "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", WAIT);
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);

                assertThat(reply.status()).isEqualTo(200);
                Thread.sleep(20);
            }

            assertThat(worst).as("slowest /status in ms").isLessThan(100);
            assertThat(read.get()).isPositive();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void drain(Socket socket, AtomicLong total) {
        byte[] buffer = new byte[65536];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total.addAndGet(n);
            }
        } catch (IOException e) {
            // The socket was closed at the end of the test.
        }
    }
}

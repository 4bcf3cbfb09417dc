package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Malformed requests get a status and a closed connection; they never reach a route. */
class StatusServerHygieneTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLog log = new EventLog(Clock.system(), new PrintWriter(new StringWriter()));
    private final Inbox inbox = new Inbox(Clock.system());
    private final StatusServer server = StatusServer.start(0, log, inbox);
    private final InetSocketAddress address = server.address();

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Reply send(String request) throws Exception {
        return RawHttp.exchange(address, request, WAIT);
    }

    /** A refusal names what was wrong and ends the connection, since the rest of the input is unframed. */
    private static void refused(RawHttp.Reply reply, int status, String says) {
        assertThat(reply.statusLine()).startsWith("HTTP/1.1 " + status);
        assertThat(reply.text()).containsIgnoringCase("connection: close").contains(says);
    }

    @Test
    void aBadPercentEscapeGets400() throws Exception {
        RawHttp.Reply reply = send("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");

        refused(reply, 400, "escape");
    }

    @Test
    void contentLengthWithTransferEncodingGets400AndNoTokenArrives() throws Exception {
        RawHttp.Reply reply = send("POST /confirm HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n7\r\ntoken-1\r\n0\r\n\r\n");

        refused(reply, 400, "Transfer-Encoding");
        assertThat(inbox.confirmations().await(java.time.Instant.now())).isEmpty();
    }

    @Test
    void twoDifferentContentLengthsGet400() throws Exception {
        RawHttp.Reply reply =
                send("POST /confirm HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nContent-Length: 3\r\n\r\ntoken-1");

        refused(reply, 400, "Content-Length");
        assertThat(inbox.confirmations().await(java.time.Instant.now())).isEmpty();
    }

    @Test
    void aBadChunkGets400() throws Exception {
        RawHttp.Reply reply = send(
                "POST /confirm HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\ntoken-1\r\n0\r\n\r\n");

        refused(reply, 400, "chunk");
        assertThat(inbox.confirmations().await(java.time.Instant.now())).isEmpty();
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        RawHttp.Reply reply = send("GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");

        refused(reply, 431, "header");
    }
}

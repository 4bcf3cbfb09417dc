package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.system.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private final EventLog log = new EventLog(Clock.system(), new PrintWriter(new StringWriter()));
    private final Inbox inbox = new Inbox(Clock.system());

    @Test
    void servesOnLoopbackOnlyAndHandsTokensToAWaitingConfirmPhase() throws Exception {
        log.log(Phase.READY, "hello");
        try (StatusServer server = StatusServer.start(0, log, inbox);
                HttpClient client = HttpClient.newBuilder()
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .build()) {
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
            URI base = URI.create("http://127.0.0.1:" + server.address().getPort());

            HttpResponse<String> status = client.send(
                    HttpRequest.newBuilder(base.resolve("/status"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> confirm = client.send(
                    HttpRequest.newBuilder(base.resolve("/confirm"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString("token-1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tooBig = client.send(
                    HttpRequest.newBuilder(base.resolve("/disk-key"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(StatusServer.MAX_BODY + 1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"lastSeq\":1");
            assertThat(confirm.statusCode()).isEqualTo(202);
            assertThat(tooBig.statusCode()).isEqualTo(413);
            Optional<String> token = inbox.confirmations().await(Instant.now().plusSeconds(5));
            assertThat(token).contains("token-1");
        }
    }

    @Test
    void anEmptyInboxWaitsUntilTheDeadline() {
        long start = System.nanoTime();

        assertThat(inbox.keys().await(Instant.now().plusMillis(200))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}

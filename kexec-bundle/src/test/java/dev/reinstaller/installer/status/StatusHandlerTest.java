package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusHandlerTest {
    private final FakeClock clock = new FakeClock();
    private final EventLog log = new EventLog(clock, new PrintWriter(new StringWriter()));
    private final Inbox inbox = new Inbox(clock);
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new StatusHandler(log, inbox, Limits.DEFAULT, new java.util.concurrent.Semaphore(1), new StatusView(log)));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        return new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, method, uri, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private record Answer(HttpResponseStatus status, String body) {}

    private Answer call(FullHttpRequest request) {
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        try {
            return new Answer(response.status(), response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    @Test
    void statusFoldsTheLogIntoPhaseStateAndFailure() {
        log.emit(new Event.PhaseStarted(Phase.CONFIRM));
        log.emit(new Event.Waiting(Phase.CONFIRM, "disk key", clock.after(Duration.ofMinutes(15))));

        assertThat(call(request(HttpMethod.GET, "/status", "")).body())
                .contains("\"state\":\"waiting\"", "\"phase\":\"confirm\"", "\"what\":\"disk key\"", "\"lastSeq\":2");

        log.emit(new Event.PhaseFailed(Phase.CONFIRM, InstallerException.Category.REFUSED, "wrong disk", false));
        Answer failed = call(request(HttpMethod.GET, "/status", ""));
        assertThat(failed.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(failed.body()).contains("\"state\":\"failed\"", "\"message\":\"wrong disk\"", "\"waiting\":null");
    }

    @Test
    void aGoodKeyGoesToTheInboxAndTheRequestBufferIsZeroed() {
        FullHttpRequest post = request(HttpMethod.POST, "/disk-key", "correct horse battery staple\n");
        ByteBuf content = post.content().retain();

        Answer answer = call(post);

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.ACCEPTED);
        assertThat(answer.body()).doesNotContain("horse");
        assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("\0".repeat(29));
        content.release();
        Optional<DiskKey> key = inbox.keys().await(clock.now());
        assertThat(key)
                .hasValueSatisfying(k -> assertThat(new String(k.copy(), StandardCharsets.UTF_8))
                        .isEqualTo("correct horse battery staple"));
    }

    @Test
    void aShortKeyIsRefusedWithoutEchoingIt() {
        Answer answer = call(request(HttpMethod.POST, "/disk-key", "hunter2"));

        assertThat(answer.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(answer.body()).contains("7 bytes long").doesNotContain("hunter2");
        assertThat(inbox.keys().await(clock.now())).isEmpty();
    }

    @Test
    void confirmationTokensGoToTheInbox() {
        assertThat(call(request(HttpMethod.POST, "/confirm", "48213377:drive-scsi0-0-0-0:40960000000\n"))
                        .status())
                .isEqualTo(HttpResponseStatus.ACCEPTED);
        assertThat(inbox.confirmations().await(clock.now())).contains("48213377:drive-scsi0-0-0-0:40960000000");
        assertThat(call(request(HttpMethod.POST, "/confirm", "two words")).status())
                .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }

    @Test
    void wrongMethodsAndPathsAreRefused() {
        assertThat(call(request(HttpMethod.GET, "/disk-key", "")).status())
                .isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(call(request(HttpMethod.POST, "/status", "")).status())
                .isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        assertThat(call(request(HttpMethod.GET, "/nope", "")).status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    }
}

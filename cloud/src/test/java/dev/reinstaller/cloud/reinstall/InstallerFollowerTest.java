package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.testing.FakeStatusApi;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The follower's I/O against the installer's status API on 127.0.0.1: the stream, the answers, the ends. */
class InstallerFollowerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> closures = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        http.close();
    }

    private final InstallerFollower.Answers answers = new InstallerFollower.Answers() {
        @Override
        public byte[] diskKey() {
            return "correct horse".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String confirmationToken() {
            return "SERIAL-1:DISK:20480";
        }

        @Override
        public void closure(InstallerEvent event) {
            closures.add(event.json().path("what").asText());
        }
    };

    private static final List<String> WAITS =
            List.of(FollowDecisionTest.DISK_KEY, FollowDecisionTest.TOKEN, FollowDecisionTest.CLOSURE, """
            {"type":"run-completed","phases":["confirm"]}""");

    @Test
    void answersEachWaitAndEndsWithTheRun() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (FakeStatusApi api = new FakeStatusApi(WAITS, Duration.ZERO)) {
            InstallerFollower.End end = new InstallerFollower(http)
                    .follow(api.port(), 0, Duration.ofSeconds(10), Optional.of(answers), e -> seen.add(e.seq()));

            assertThat(end).isEqualTo(new InstallerFollower.End.Finished(true, "run completed", false));
            assertThat(api.posted()).containsExactly("/disk-key correct horse", "/confirm SERIAL-1:DISK:20480");
            assertThat(closures).singleElement().asString().startsWith("system closure /nix/store/abc-nixos-system");
            assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aWatcherPostsNothingAndResumesAfterTheEventItIsGiven() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (FakeStatusApi api = new FakeStatusApi(WAITS, Duration.ZERO)) {
            InstallerFollower.End end = new InstallerFollower(http)
                    .follow(api.port(), 2, Duration.ofSeconds(10), Optional.empty(), e -> seen.add(e.seq()));

            assertThat(end).isInstanceOf(InstallerFollower.End.Finished.class);
            assertThat(api.posted()).isEmpty();
            assertThat(closures).isEmpty();
            assertThat(seen).containsExactly(3L, 4L);
        }
    }

    @Test
    void aStreamThatEndsWithoutAnEndIsLostAfterItsLastEvent() throws Exception {
        try (FakeStatusApi api =
                new FakeStatusApi(List.of("{\"type\":\"phase-started\",\"phase\":\"zfs\"}"), Duration.ZERO)) {
            InstallerFollower.End end = new InstallerFollower(http)
                    .follow(api.port(), 0, Duration.ofSeconds(10), Optional.of(answers), e -> {});

            assertThat(end).isEqualTo(new InstallerFollower.End.Lost(1, "stream ended"));
        }
    }

    /** The fake sends its headers with the first event, 2 s in; the next would come 2 s later. */
    @Test
    void anInstallerThatFallsSilentIsCutAtTheDeadline() throws Exception {
        try (FakeStatusApi api = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ofSeconds(2))) {
            InstallerFollower.End end = new InstallerFollower(http)
                    .follow(api.port(), 0, Duration.ofSeconds(1), Optional.of(answers), e -> {});

            assertThat(end).isEqualTo(new InstallerFollower.End.Lost(1, "no end within 1 s"));
        }
    }

    @Test
    void noInstallerListeningIsLostNamingTheRequest() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        InstallerFollower.End end =
                new InstallerFollower(http).follow(closed, 5, Duration.ofSeconds(5), Optional.of(answers), e -> {});

        assertThat(end).isInstanceOfSatisfying(InstallerFollower.End.Lost.class, lost -> {
            assertThat(lost.lastSeq()).isEqualTo(5);
            assertThat(lost.reason()).startsWith("GET /events: ");
        });
    }
}

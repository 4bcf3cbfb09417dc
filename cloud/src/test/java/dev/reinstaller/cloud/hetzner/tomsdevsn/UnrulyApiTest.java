package dev.reinstaller.cloud.hetzner.tomsdevsn;

import static dev.reinstaller.cloud.testing.FakeHetzner.actionJson;
import static dev.reinstaller.cloud.testing.FakeHetzner.serverJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reinstaller.cloud.hetzner.ActionWaiter;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import dev.reinstaller.cloud.wait.TokenBucket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An API that never stops paging, asks for odd pauses, refuses connections or echoes the token: every
 * call ends within a bound, in a typed error, and prints nothing raw or secret.
 */
class UnrulyApiTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String TOKEN = "secret-token-0123456789";

    private FakeHetzner fake;
    private FakeTime time;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private TomsdevsnHetznerApi api;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeHetzner();
        time = new FakeTime();
        api = client(fake.endpoint());
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    private TomsdevsnHetznerApi client(URI endpoint) {
        return client(TOKEN, endpoint, time, notices::add);
    }

    /** The client under test as the CLI makes it, on fake time, its retry notices to {@code notices}. */
    static TomsdevsnHetznerApi client(String token, URI endpoint, FakeTime time, Consumer<String> notices) {
        return TomsdevsnHetznerApi.create(
                new HetznerConfig(token, endpoint),
                new TokenBucket(3600, 100, time.waiter()),
                time.waiter(),
                Duration.ofMinutes(2),
                notices);
    }

    @Test
    void endlessPagesStopAtThePageCap() {
        fake.always("GET /servers", UnrulyApiTest::nextPageFollows);

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> api.servers("role=web"))
                        .isInstanceOfSatisfying(
                                HetznerException.class,
                                e -> assertThat(e.category().name()).isEqualTo("BAD_REPLY"))
                        .hasMessageContaining(fake.endpoint().toString())
                        .hasMessageContaining("meta.pagination.next_page")
                        .hasMessageContaining("100 pages"));
        assertThat(fake.count("GET", "/servers")).isEqualTo(100);
    }

    @Test
    void aNextPageThatDoesNotMoveOnIsRefusedAtOnce() {
        fake.always("GET /servers", s -> Answer.json(200, pageOf(1, 1L)));

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> api.servers("role=web"))
                        .isInstanceOf(HetznerException.class)
                        .hasMessageContaining("meta.pagination.next_page"));
        assertThat(fake.count("GET", "/servers")).isEqualTo(1);
    }

    @Test
    void slowPagesStopAtTheListingDeadline() {
        AtomicInteger n = new AtomicInteger();
        fake.always("GET /servers", s -> {
            if (n.incrementAndGet() % 2 == 1) {
                return new Answer(429, "{\"error\":{\"code\":\"rate_limit_exceeded\"}}", Map.of("Retry-After", "30"));
            }
            return nextPageFollows(s);
        });

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> api.servers("role=web"))
                        .isInstanceOfSatisfying(
                                HetznerException.class,
                                e -> assertThat(e.code()).isEqualTo("timeout"))
                        .hasMessageContaining("pages"));
        assertThat(time.slept()).isLessThanOrEqualTo(TomsdevsnHetznerApi.LIST_DEADLINE.plusSeconds(30));
        assertThat(fake.count("GET", "/servers")).isLessThan(30);
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @ValueSource(
            strings = {
                "-5",
                "0",
                "soon",
                "1.5",
                "9999999",
                "99999999999999999999999",
                "Wed, 21 Oct 2099 07:28:00 GMT",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                "Thu, 01 Jan 2026 00:00:20 GMT"
            })
    void oddRetryAfterValuesGiveASaneBoundedPause(String retryAfter) {
        fake.then("GET /servers/42", rateLimited(Map.of("Retry-After", retryAfter)));
        fake.server(42, "web-1", "192.0.2.7");

        assertTimeoutPreemptively(BOUND, () -> assertThat(api.server(42).name()).isEqualTo("web-1"));

        assertThat(fake.count("GET", "/servers/42")).isEqualTo(2);
        assertThat(time.pauses())
                .singleElement()
                .satisfies(p -> assertThat(p).isBetween(Duration.ofMillis(500), TomsdevsnHetznerApi.MAX_RETRY_AFTER));
        if (retryAfter.equals("Thu, 01 Jan 2026 00:00:20 GMT")) {
            assertThat(time.pauses()).containsExactly(Duration.ofSeconds(20));
        }
    }

    @ParameterizedTest(name = "RateLimit-Reset: {0}")
    @ValueSource(strings = {"-1", "abc", "0", "99999999999999999", "999999999999999999999999"})
    void oddRateLimitResetValuesGiveASaneBoundedPause(String reset) {
        fake.then("GET /actions/5", rateLimited(Map.of("RateLimit-Reset", reset)));
        fake.always("GET /actions/5", Answer.json(200, actionJson(5, "reset_server", "success", 100)));

        assertTimeoutPreemptively(BOUND, () -> assertThat(api.action(5).id()).isEqualTo(5));

        assertThat(time.pauses())
                .singleElement()
                .satisfies(p -> assertThat(p).isBetween(Duration.ofMillis(500), TomsdevsnHetznerApi.MAX_RETRY_AFTER));
    }

    @Test
    void aRetryAfterOfZeroDoesNotHammerTheApi() {
        fake.always("GET /servers/42", rateLimited(Map.of("Retry-After", "0")));

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> api.server(42))
                        .isInstanceOf(HetznerException.class)
                        .hasMessageContaining("rate_limit_exceeded"));
        assertThat(fake.count("GET", "/servers/42")).isLessThanOrEqualTo(12);
    }

    @Test
    void aRefusedConnectionIsRetriedBrieflyAloudThenNamesTheAddress() throws IOException {
        URI closed = closedPort();
        api.close();
        api = client(closed);

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> api.server(42))
                        .isInstanceOfSatisfying(HetznerException.class, e -> {
                            assertThat(e.category().name()).isEqualTo("UNREACHABLE");
                            assertThat(e.httpStatus()).isZero();
                        })
                        .hasMessageContaining("127.0.0.1:" + closed.getPort())
                        .hasMessageContaining("connection refused"));
        assertThat(time.slept()).isLessThanOrEqualTo(TomsdevsnHetznerApi.CONNECT_DEADLINE);
        assertThat(notices)
                .hasSizeBetween(3, 8)
                .allSatisfy(line -> assertThat(line)
                        .contains("GET /v1/servers/42")
                        .contains("127.0.0.1:" + closed.getPort())
                        .contains("connection refused")
                        .containsPattern("next try in \\d+ s")
                        .contains("giving up at"));
    }

    @Test
    void aRefusedConnectionIsRetriedForActionsToo() throws IOException {
        URI closed = closedPort();
        api.close();
        api = client(closed);

        assertThatThrownBy(() -> api.reset(42))
                .isInstanceOfSatisfying(
                        HetznerException.class,
                        e -> assertThat(e.category().name()).isEqualTo("UNREACHABLE"))
                .hasMessageStartingWith("reset server 42: ");
        assertThat(notices).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theTokenIsNeverEchoedAndMessagesAreBoundedAndEscaped() {
        fake.always("GET /servers/1", Answer.error(401, "unauthorized", "token " + TOKEN + " is not valid"));
        fake.always("GET /servers/2", new Answer(403, "<html>Authorization: Bearer " + TOKEN + "</html>", Map.of()));
        fake.always("GET /servers/3", Answer.error(400, "invalid_input", "\\u001b[2J\\u0000" + "x".repeat(10_000)));
        fake.always("GET /servers/4", Answer.error(400, "\\u001b[31mred", "colour"));
        fake.always("GET /servers/5", s -> Answer.error(400, "invalid_input", "you sent " + s.authorization()));

        for (long id = 1; id <= 5; id++) {
            long server = id;
            assertThatThrownBy(() -> api.server(server))
                    .isInstanceOf(HetznerException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .startsWith("get server " + server + ": ")
                            .doesNotContain(TOKEN)
                            .doesNotContain("\u001b")
                            .doesNotContain("\u0000")
                            .hasSizeLessThan(200));
        }
    }

    @Test
    void anActionsErrorIsBoundedAndEscaped() {
        fake.always(
                "GET /actions/9",
                Answer.json(
                        200,
                        "{\"action\":{\"id\":9,\"command\":\"reset_server\",\"status\":\"error\",\"progress\":100,"
                                + "\"error\":{\"code\":\"boom\",\"message\":\"\\u001b]0;owned\\u0007" + "y".repeat(5000)
                                + "\"}}}"));

        assertThatThrownBy(() -> new ActionWaiter(api, time.waiter())
                        .await(api.action(9), "server web-1 (42)", Duration.ofMinutes(1)))
                .isInstanceOf(HetznerException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\u001b")
                        .doesNotContain("\u0007")
                        .hasSizeLessThan(250));
    }

    private static Answer rateLimited(Map<String, String> headers) {
        return new Answer(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}", headers);
    }

    /** The page asked for, with one server, pointing at the page after it. */
    private static Answer nextPageFollows(FakeHetzner.Seen request) {
        int page = Integer.parseInt(request.query().replaceAll(".*\\bpage=(\\d+).*", "$1"));
        return Answer.json(200, pageOf(page, (long) page + 1));
    }

    private static String pageOf(int page, Long next) {
        return "{\"servers\":[" + serverJson(page, "s-" + page, "192.0.2.1", Map.of())
                + "],\"meta\":{\"pagination\":{\"page\":" + page + ",\"next_page\":" + next + "}}}";
    }

    private static URI closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/v1");
    }
}

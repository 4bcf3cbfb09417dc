package dev.reinstaller.cloud.hetzner.tomsdevsn;

import static dev.reinstaller.cloud.testing.FakeHetzner.actionJson;
import static dev.reinstaller.cloud.testing.FakeHetzner.page;
import static dev.reinstaller.cloud.testing.FakeHetzner.serverJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.ActionWaiter;
import dev.reinstaller.cloud.hetzner.Firewall;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.TokenBucket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TomsdevsnHetznerApiTest {
    private FakeHetzner fake;
    private FakeTime time;
    private TomsdevsnHetznerApi api;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeHetzner();
        time = new FakeTime();
        api = TomsdevsnHetznerApi.create(
                new HetznerConfig("secret-token", fake.endpoint()),
                new TokenBucket(3600, 100, time.waiter()),
                time.waiter(),
                Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    @Test
    void findsAServerByNameOnTheConfiguredEndpointIgnoringUnknownFields() {
        fake.always(
                "GET /servers?name=web-1",
                Answer.json(
                        200,
                        page("servers", List.of(serverJson(42, "web-1", "192.0.2.7", Map.of("role", "web"))), null)));

        Server server = api.serverByName("web-1").orElseThrow();

        assertThat(server.id()).isEqualTo(42);
        assertThat(server.ipv4()).contains("192.0.2.7");
        assertThat(server.ipv6()).contains("2a01:4f8:1:2a::/64");
        assertThat(server.labels()).containsEntry("role", "web");
        assertThat(fake.seen())
                .singleElement()
                .satisfies(s -> assertThat(s.authorization()).isEqualTo("Bearer secret-token"));
    }

    @Test
    void waitsOutRateLimitsAsTheApiAsks() {
        fake.then(
                "GET /servers/42",
                new Answer(
                        429,
                        "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}",
                        Map.of("Retry-After", "7")),
                Answer.error(429, "rate_limit_exceeded", "slow down"));
        fake.server(42, "web-1", "192.0.2.7");

        assertThat(api.server(42).name()).isEqualTo("web-1");

        assertThat(fake.count("GET", "/servers/42")).isEqualTo(3);
        assertThat(time.pauses()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retriesServerErrorsOnReadsWithGrowingPauses() {
        fake.then(
                "GET /actions/5",
                Answer.error(503, "unavailable", "try later"),
                new Answer(502, "<html>bad gateway</html>", Map.of()),
                Answer.error(500, "server_error", "oops"));
        fake.always("GET /actions/5", Answer.json(200, actionJson(5, "reset_server", "success", 100)));

        assertThat(api.action(5).status()).isEqualTo(Action.Status.SUCCESS);
        assertThat(time.pauses()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retriesLockedEvenForActions() {
        fake.then("POST /servers/42/actions/reset", Answer.error(423, "locked", "server is locked"));
        fake.always("POST /servers/42/actions/reset", Answer.json(201, actionJson(9, "reset_server", "running", 0)));

        assertThat(api.reset(42).id()).isEqualTo(9);
        assertThat(fake.count("POST", "/servers/42/actions/reset")).isEqualTo(2);
    }

    @Test
    void neverRepeatsAnActionThatMayHaveHappened() {
        fake.always("POST /servers/42/actions/reset", Answer.error(500, "server_error", "unknown state"));

        assertThatThrownBy(() -> api.reset(42))
                .isInstanceOfSatisfying(HetznerException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.category()).isEqualTo(HetznerException.Category.TRANSIENT);
                })
                .hasMessage("reset server 42: server_error (HTTP 500): unknown state");
        assertThat(fake.count("POST", "/servers/42/actions/reset")).isEqualTo(1);
    }

    @Test
    void notFoundSaysWhatWasLookedFor() {
        assertThatThrownBy(() -> api.server(7))
                .isInstanceOfSatisfying(
                        HetznerException.class,
                        e -> assertThat(e.category()).isEqualTo(HetznerException.Category.NOT_FOUND))
                .hasMessageStartingWith("get server 7: not_found (HTTP 404)");
    }

    @Test
    void unknownErrorCodesSurviveWithTheirStatus() {
        fake.always("DELETE /servers/42", Answer.error(409, "brand_new_conflict", "something new"));

        assertThatThrownBy(() -> api.delete(42))
                .isInstanceOfSatisfying(HetznerException.class, e -> {
                    assertThat(e.code()).isEqualTo("brand_new_conflict");
                    assertThat(e.category()).isEqualTo(HetznerException.Category.PERMANENT);
                })
                .hasMessage("delete server 42: brand_new_conflict (HTTP 409): something new");
    }

    @Test
    void givesUpAtTheDeadlineWithTheLastAnswer() {
        fake.always("GET /servers/42", new Answer(502, "<html>proxy down</html>", Map.of()));

        assertThatThrownBy(() -> api.server(42))
                .isInstanceOfSatisfying(
                        HetznerException.class,
                        e -> assertThat(e.category()).isEqualTo(HetznerException.Category.TRANSIENT))
                .hasMessageContaining("get server 42: http_502 (HTTP 502): <html>proxy down</html>")
                .hasMessageContaining("still failing after 120 s");
        assertThat(time.slept()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void readsEveryPageOfALabelSelection() {
        String first = page(
                "servers",
                List.of(serverJson(1, "a", "192.0.2.1", Map.of()), serverJson(2, "b", "192.0.2.2", Map.of())),
                2L);
        String second = page("servers", List.of(serverJson(3, "c", "192.0.2.3", Map.of())), null);
        fake.always("GET /servers", s -> Answer.json(200, s.query().contains("page=2") ? second : first));

        assertThat(api.servers("role=web")).extracting(Server::name).containsExactly("a", "b", "c");
        assertThat(fake.seen()).allSatisfy(s -> assertThat(s.query()).contains("label_selector=role=web"));
    }

    @Test
    void firewallsApplyDirectlyOrByLabel() {
        String direct = "{\"id\":1,\"name\":\"ssh-only\",\"labels\":{},\"created\":\"2024-01-01T00:00:00+00:00\","
                + "\"rules\":[{\"direction\":\"in\",\"protocol\":\"tcp\",\"port\":\"22\",\"source_ips\":[\"0.0.0.0/0\"],\"destination_ips\":[]}],"
                + "\"applied_to\":[{\"type\":\"server\",\"server\":{\"id\":42}}]}";
        String byLabel = "{\"id\":2,\"name\":\"web\",\"labels\":{},\"created\":\"2024-01-01T00:00:00+00:00\","
                + "\"rules\":[{\"direction\":\"in\",\"protocol\":\"tcp\",\"port\":\"2000-3000\",\"source_ips\":[\"::/0\"],\"destination_ips\":[]}],"
                + "\"applied_to\":[{\"type\":\"label_selector\",\"label_selector\":{\"selector\":\"role=web\"}}]}";
        String other = "{\"id\":3,\"name\":\"db\",\"labels\":{},\"created\":\"2024-01-01T00:00:00+00:00\",\"rules\":[],"
                + "\"applied_to\":[{\"type\":\"server\",\"server\":{\"id\":7}}]}";
        fake.firewalls(direct, byLabel, other);
        Server server = new Server(
                42,
                "web-1",
                "running",
                java.util.Optional.of("192.0.2.7"),
                java.util.Optional.empty(),
                false,
                Map.of("role", "web"));

        List<Firewall> firewalls = api.firewallsOf(server);

        assertThat(firewalls).extracting(Firewall::name).containsExactly("ssh-only", "web");
        assertThat(firewalls.get(0).allowsTcpIn(22)).isTrue();
        assertThat(firewalls.get(0).allowsTcpIn(2222)).isFalse();
        assertThat(firewalls.get(1).allowsTcpIn(2222)).isTrue();
    }

    @Test
    void actionsAreFollowedUntilTheyFinish() {
        fake.then(
                "GET /actions/9",
                Answer.json(200, actionJson(9, "reset_server", "running", 10)),
                Answer.json(200, actionJson(9, "reset_server", "running", 60)));
        fake.always("GET /actions/9", Answer.json(200, actionJson(9, "reset_server", "success", 100)));
        ActionWaiter waiter = new ActionWaiter(api, time.waiter());

        Action done = waiter.await(
                new Action(9, "reset_server", Action.Status.RUNNING, 0, java.util.Optional.empty()),
                "server web-1 (42)",
                Duration.ofMinutes(5));

        assertThat(done.status()).isEqualTo(Action.Status.SUCCESS);
        assertThat(fake.count("GET", "/actions/9")).isEqualTo(3);
    }

    @Test
    void aFailedActionSaysWhichActionOnWhichServer() {
        fake.always("GET /actions/9", Answer.json(200, actionJson(9, "rebuild_server", "error", 100)));
        ActionWaiter waiter = new ActionWaiter(api, time.waiter());

        assertThatThrownBy(() -> waiter.await(
                        new Action(9, "rebuild_server", Action.Status.RUNNING, 0, java.util.Optional.empty()),
                        "server web-1 (42)",
                        Duration.ofMinutes(5)))
                .isInstanceOf(HetznerException.class)
                .hasMessage("action 9 (rebuild_server) on server web-1 (42): action_failed: action_failed: it broke");
    }

    @Test
    void anActionThatNeverEndsRunsIntoItsDeadline() {
        fake.always("GET /actions/9", Answer.json(200, actionJson(9, "poweron", "running", 50)));
        ActionWaiter waiter = new ActionWaiter(api, time.waiter());

        assertThatThrownBy(() -> waiter.await(
                        new Action(9, "poweron", Action.Status.RUNNING, 0, java.util.Optional.empty()),
                        "server web-1 (42)",
                        Duration.ofMinutes(1)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("action 9 (poweron) on server web-1 (42): no result within 60 s")
                .hasMessageContaining("running at 50%");
    }
}

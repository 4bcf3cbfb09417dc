package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;

/**
 * The production Hetzner client pointed at a {@link FakeHetzner}, on Hetzner's hourly budget, and the
 * answers a recovery through the API needs.
 */
public final class HetznerClients {
    private HetznerClients() {}

    /** @param callDeadline how long one API call may take */
    public static TomsdevsnHetznerApi against(FakeHetzner fake, Waiter waiter, Duration callDeadline) {
        return TomsdevsnHetznerApi.create(
                new HetznerConfig("t", fake.endpoint()), new TokenBucket(3600, 100, waiter), waiter, callDeadline);
    }

    /**
     * Scripts what {@code --on-failure rescue} calls for server {@code id}: enabling rescue (action 11,
     * first in {@code rescueState}, then done) and a reset (action 9, done at once). The project's SSH
     * keys are left to the test.
     */
    public static void rescueThenReset(FakeHetzner fake, long id, String rescueState) {
        fake.always(
                "POST /servers/" + id + "/actions/enable_rescue",
                FakeHetzner.Answer.json(
                        201,
                        "{\"root_password\":\"pw\","
                                + FakeHetzner.actionJson(
                                                11,
                                                "enable_rescue",
                                                rescueState,
                                                rescueState.equals("success") ? 100 : 0)
                                        .substring(1)));
        fake.always(
                "GET /actions/11",
                FakeHetzner.Answer.json(200, FakeHetzner.actionJson(11, "enable_rescue", "success", 100)));
        fake.always(
                "POST /servers/" + id + "/actions/reset",
                FakeHetzner.Answer.json(201, FakeHetzner.actionJson(9, "reset_server", "success", 100)));
        fake.always(
                "GET /actions/9",
                FakeHetzner.Answer.json(200, FakeHetzner.actionJson(9, "reset_server", "success", 100)));
    }
}

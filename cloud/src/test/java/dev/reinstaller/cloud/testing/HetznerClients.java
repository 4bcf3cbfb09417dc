package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;

/** The production Hetzner client pointed at a {@link FakeHetzner}, on Hetzner's hourly budget. */
public final class HetznerClients {
    private HetznerClients() {}

    /** @param callDeadline how long one API call may take */
    public static TomsdevsnHetznerApi against(FakeHetzner fake, Waiter waiter, Duration callDeadline) {
        return TomsdevsnHetznerApi.create(
                new HetznerConfig("t", fake.endpoint()), new TokenBucket(3600, 100, waiter), waiter, callDeadline);
    }
}

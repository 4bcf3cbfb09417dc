package dev.reinstaller.cloud.hetzner;

import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;

/**
 * Polls an action until it succeeds, fails or its deadline passes. Polls back off from one second to
 * ten, so a fleet of waits stays well inside the request budget.
 */
public final class ActionWaiter {
    static final Backoff POLL = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private final HetznerApi api;
    private final Waiter waiter;

    public ActionWaiter(HetznerApi api, Waiter waiter) {
        this.api = api;
        this.waiter = waiter;
    }

    /**
     * Waits for {@code started} to finish.
     *
     * @param on what the action runs against, for messages ("server web-1 (42)")
     * @throws HetznerException when the action ends in error
     */
    public Action await(Action started, String on, Duration deadline) {
        String what = "action " + started.id() + " (" + started.command() + ") on " + on;
        Action done = started.status() == Action.Status.RUNNING
                ? waiter.until(what, deadline, POLL, () -> {
                    Action now = api.action(started.id());
                    return now.status() == Action.Status.RUNNING
                            ? Poll.again("running at " + now.progress() + "%")
                            : Poll.done(now);
                })
                : started;
        return switch (done.status()) {
            case SUCCESS -> done;
            case ERROR ->
                throw new HetznerException(
                        HetznerException.Category.PERMANENT,
                        what,
                        0,
                        "action_failed",
                        done.error().orElse("no reason given"),
                        null);
            case RUNNING -> throw new IllegalStateException("unreachable: " + done);
        };
    }
}

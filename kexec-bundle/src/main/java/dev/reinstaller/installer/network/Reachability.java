package dev.reinstaller.installer.network;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.Waits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the network phase proves beyond the gateways: that names resolve (the binary cache's host name,
 * through the resolvers runtime info named) and, when the install builds the host flake, that the
 * binary cache answers. Each is retried with backoff until {@link #DEADLINE}: the link may have come up
 * seconds ago. A build from the flake needs both, so their failure fails the phase (and so the watchdog
 * path, before anything was written); an install from a closure needs neither, so for it a failed
 * name lookup is only reported.
 *
 * @param resolver the name lookup
 * @param cache the binary cache check
 * @param cacheUrl the binary cache the install uses
 */
public record Reachability(NameResolver resolver, BinaryCache cache, URI cacheUrl) {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Duration ATTEMPT = Duration.ofSeconds(5);

    public Reachability {
        if (cacheUrl.getHost() == null) {
            throw new IllegalArgumentException("binary cache URL " + cacheUrl + " names no host");
        }
    }

    /** The real resolver and cache at {@code cacheUrl}. */
    public static Reachability system(URI cacheUrl) {
        return new Reachability(NameResolver.system(), BinaryCache.http(), cacheUrl);
    }

    void prove(Events events, Clock clock, boolean hasResolvers, Supplier<Boolean> needsCache) {
        boolean required = needsCache.get();
        String host = cacheUrl.getHost();
        if (!hasResolvers) {
            require(required, events, "runtime info names no resolvers, so " + host + " cannot be resolved");
            return;
        }
        // Retried only when the install needs the answer; otherwise one try, so that a host without
        // outside name service (an offline closure install) does not wait for nothing.
        Attempt<List<String>> addresses =
                attempt(clock, required ? DEADLINE : Duration.ZERO, () -> resolver.resolve(host, ATTEMPT));
        if (addresses.value().isEmpty()) {
            require(required, events, addresses.error());
            return;
        }
        events.log(Phase.NETWORK, host + " resolves to " + addresses.value().get());
        if (!required) {
            return;
        }
        Attempt<Boolean> answered = attempt(clock, DEADLINE, () -> {
            cache.check(cacheUrl, ATTEMPT);
            return true;
        });
        if (answered.value().isEmpty()) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT,
                    "the binary cache the flake build needs does not answer within " + DEADLINE.toSeconds() + " s: "
                            + answered.error());
        }
        events.log(Phase.NETWORK, "binary cache " + cacheUrl + " answers");
    }

    /** What a retried probe gave: its value, or the last error. */
    private record Attempt<T>(Optional<T> value, String error) {}

    private static void require(boolean required, Events events, String problem) {
        if (required) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "names must resolve for the flake build: " + problem);
        }
        events.log(Phase.NETWORK, problem + "; the closure install does not need it");
    }

    private static <T> Attempt<T> attempt(Clock clock, Duration deadline, Supplier<T> probe) {
        List<String> errors = new ArrayList<>();
        Optional<T> result =
                Waits.poll(clock, clock.after(deadline), Duration.ofSeconds(1), Duration.ofSeconds(4), () -> {
                    try {
                        return Optional.of(probe.get());
                    } catch (InstallerException | Processes.ProcessException e) {
                        errors.add(e.getMessage());
                        return Optional.empty();
                    }
                });
        return new Attempt<>(result, errors.isEmpty() ? "no attempt" : errors.getLast());
    }
}

package dev.reinstaller.cloud.reinstall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs one reinstall per server, at most {@code parallel} at a time. One server's failure never stops
 * the others; the outcomes come back in the servers' order.
 */
public final class Fleet {
    /** What runs on each server's outcome, in the same task (a {@link Recovery}). */
    @FunctionalInterface
    public interface After {
        /** @param diskKey yields a fresh copy of the key (for a second attempt), wiped by its user */
        ServerOutcome apply(ServerOutcome outcome, Supplier<byte[]> diskKey);
    }

    private final ReinstallService service;
    private final int parallel;
    private final After after;

    public Fleet(ReinstallService service, int parallel) {
        this(service, parallel, (outcome, key) -> outcome);
    }

    public Fleet(ReinstallService service, int parallel, After after) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        this.service = service;
        this.parallel = parallel;
        this.after = after;
    }

    /** @param diskKey yields a fresh copy of the key for each server (each copy is wiped after use) */
    public List<ServerOutcome> run(List<Host> servers, Supplier<byte[]> diskKey) {
        List<Future<ServerOutcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(
                parallel, Thread.ofVirtual().name("reinstall-", 1).factory())) {
            for (Host server : servers) {
                futures.add(pool.submit(() -> after.apply(service.reinstall(server, diskKey.get()), diskKey)));
            }
            List<ServerOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                outcomes.add(outcome(servers.get(i), futures.get(i)));
            }
            return outcomes;
        }
    }

    private static ServerOutcome outcome(Host server, Future<ServerOutcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new ServerOutcome.Failed(
                    server, Stage.CONNECT, ServerOutcome.Kind.FAILED, String.valueOf(e.getCause()), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServerOutcome.Failed(
                    server, Stage.CONNECT, ServerOutcome.Kind.FAILED, "interrupted", Duration.ZERO);
        }
    }

    /** A table of outcomes: server, result, stage, time, message. */
    public static String summary(List<ServerOutcome> outcomes) {
        StringBuilder out = new StringBuilder(
                String.format("%-24s %-8s %-10s %8s  %s%n", "SERVER", "RESULT", "STAGE", "TIME", "DETAIL"));
        for (ServerOutcome o : outcomes) {
            String line = switch (o) {
                case ServerOutcome.Done done ->
                    String.format(
                            "%-24s %-8s %-10s %7ds  %s%n",
                            done.server(),
                            "ok",
                            "-",
                            done.took().toSeconds(),
                            done.verification()
                                            .map(v -> "verified: " + v.summary())
                                            .orElse("ramdisk key " + done.ramdiskHostKey())
                                    + (done.note().isEmpty() ? "" : "; " + done.note()));
                case ServerOutcome.Failed failed ->
                    String.format(
                            "%-24s %-8s %-10s %7ds  %s%n",
                            failed.server(),
                            failed.kind().name().toLowerCase(java.util.Locale.ROOT),
                            failed.stage().wire(),
                            failed.took().toSeconds(),
                            failed.message());
            };
            out.append(line);
        }
        long ok = outcomes.stream().filter(o -> o instanceof ServerOutcome.Done).count();
        out.append(ok).append(" of ").append(outcomes.size()).append(" servers reinstalled\n");
        return out.toString();
    }
}

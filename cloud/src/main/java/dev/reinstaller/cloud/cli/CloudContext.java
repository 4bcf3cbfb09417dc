package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.local.SystemProcesses;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The edges the commands touch, injected so tests run commands against fakes.
 *
 * @param out results (stdout)
 * @param err progress and diagnostics (stderr)
 * @param stdin standard input (the disk key with {@code --disk-key-stdin})
 * @param environment the process environment, read once
 * @param home the user's home directory (default identities and known_hosts)
 * @param waiter clock and sleeps
 * @param api makes the Hetzner API client for a configuration (closed by the command)
 * @param ssh makes the SSH client (closed by the command)
 * @param terminal whether stderr is a terminal (progress bar instead of lines)
 * @param prompt asks a question on the terminal without echo; empty when there is no terminal
 * @param local runs programs on this machine ({@code nix copy})
 */
public record CloudContext(
        PrintWriter out,
        PrintWriter err,
        InputStream stdin,
        Map<String, String> environment,
        Path home,
        Waiter waiter,
        Function<HetznerConfig, HetznerApi> api,
        Supplier<Ssh> ssh,
        boolean terminal,
        Function<String, Optional<char[]>> prompt,
        LocalProcesses local) {

    /** Hetzner's budget per project and hour, with a burst that keeps any hour within it. */
    static final int REQUESTS_PER_HOUR = 3600;

    static final int BURST = 100;

    public CloudContext {
        environment = Map.copyOf(environment);
    }

    static CloudContext system(PrintWriter out, PrintWriter err) {
        Waiter waiter = Waiter.system();
        TokenBucket budget = new TokenBucket(REQUESTS_PER_HOUR, BURST, waiter);
        return new CloudContext(
                out,
                err,
                System.in,
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                waiter,
                config -> TomsdevsnHetznerApi.create(
                        config,
                        budget,
                        waiter,
                        TomsdevsnHetznerApi.CALL_DEADLINE,
                        line -> err.println("reinstaller: " + line)),
                MinaSsh::new,
                System.console() != null && System.console().isTerminal(),
                question -> Optional.ofNullable(System.console()).map(c -> c.readPassword("%s", question)),
                new SystemProcesses());
    }
}

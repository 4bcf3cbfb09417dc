package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.metadata.HttpMetadataClient;
import dev.reinstaller.hostinfo.metadata.MetadataClient;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.SystemProcesses;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The edges every command may touch, injected so that tests run commands against a fixture tree,
 * recorded processes and captured output.
 *
 * @param out results (stdout)
 * @param err progress and diagnostics (stderr)
 * @param stdin standard input (disk key with {@code --disk-key-stdin})
 * @param paths where /proc, /sys, /dev, /etc are
 * @param processes how external commands run
 * @param clock time source
 * @param environment the process environment, read once
 * @param kexec makes the kexec implementation, given the bundle's own kexec binary if it has one
 * @param prompter asks at the terminal, when there is one
 * @param metadata reaches the provider's metadata service (asked only on Hetzner hardware or when a URL
 *     is given)
 */
public record AgentContext(
        PrintWriter out,
        PrintWriter err,
        InputStream stdin,
        HostPaths paths,
        Processes processes,
        Clock clock,
        Map<String, String> environment,
        Function<Optional<Path>, Kexec> kexec,
        Prompter prompter,
        MetadataClient metadata) {

    static final Duration KEXEC_DEADLINE = Duration.ofSeconds(60);

    public AgentContext {
        environment = Map.copyOf(environment);
    }

    static AgentContext system(PrintWriter out, PrintWriter err) {
        Processes processes = new SystemProcesses();
        return new AgentContext(
                out,
                err,
                System.in,
                HostPaths.REAL,
                processes,
                Clock.systemUTC(),
                System.getenv(),
                bundleBinary -> Kexec.forHost(HostPaths.REAL, processes, bundleBinary, KEXEC_DEADLINE),
                Prompter.of(System.console()),
                new HttpMetadataClient());
    }
}

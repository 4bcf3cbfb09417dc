package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.system.HostPaths;
import dev.reinstaller.agent.system.Processes;
import dev.reinstaller.agent.system.SystemProcesses;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

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
 */
public record AgentContext(
        PrintWriter out,
        PrintWriter err,
        InputStream stdin,
        HostPaths paths,
        Processes processes,
        Clock clock,
        Map<String, String> environment) {

    public AgentContext {
        environment = Map.copyOf(environment);
    }

    static AgentContext system(PrintWriter out, PrintWriter err) {
        return new AgentContext(
                out, err, System.in, HostPaths.REAL, new SystemProcesses(), Clock.systemUTC(), System.getenv());
    }
}

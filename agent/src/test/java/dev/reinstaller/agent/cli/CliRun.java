package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.LoopbackOnlyMetadata;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the agent's CLI in-process against a fixture root and captures its output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path root, Processes processes, String stdin, String... args) {
        return run(root, processes, new FakeKexec(), stdin, args);
    }

    static CliRun run(Path root, Processes processes, Kexec kexec, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AgentContext context = new AgentContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new HostPaths(root),
                processes,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                Map.of(),
                bundleBinary -> kexec,
                Prompter.none(),
                new LoopbackOnlyMetadata());
        int code = new Main(context).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

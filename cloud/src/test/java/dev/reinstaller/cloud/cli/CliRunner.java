package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.OperatorFiles;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the command line in-process the way {@code main} would, against test edges: stdout and stderr
 * captured, the Hetzner client on the project's hourly budget, no terminal. Each {@link #run} builds a
 * fresh {@link Main} from what was set before it; the output accumulates over runs.
 */
final class CliRunner {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Path home;
    private final Waiter waiter;
    private final Supplier<Ssh> ssh;
    private final Duration callDeadline;
    private final TokenBucket budget;
    private Map<String, String> environment = Map.of();
    private String stdin = "";
    private Optional<String> typed = Optional.empty();
    private LocalProcesses local = RecordingProcesses.none();

    /** Real time, MINA SSH, API calls of at most 5 s. */
    CliRunner(Path home) {
        this(home, Waiter.system(), MinaSsh::new, Duration.ofSeconds(5));
    }

    CliRunner(Path home, Waiter waiter, Supplier<Ssh> ssh, Duration callDeadline) {
        this.home = home;
        this.waiter = waiter;
        this.ssh = ssh;
        this.callDeadline = callDeadline;
        this.budget = new TokenBucket(CloudContext.REQUESTS_PER_HOUR, CloudContext.BURST, waiter);
    }

    /** The environment of the next runs. */
    CliRunner environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The environment that points the API client at {@code api}, with a token, plus {@code more}. */
    CliRunner hetzner(FakeHetzner api, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("HCLOUD_TOKEN", "t");
        env.put("HCLOUD_ENDPOINT", api.endpoint().toString());
        return environment(env);
    }

    /** Standard input of the next runs. */
    CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** What the terminal prompt answers (empty: there is no terminal). */
    CliRunner typed(Optional<String> answer) {
        this.typed = answer;
        return this;
    }

    /** What runs programs on this machine. */
    CliRunner local(LocalProcesses processes) {
        this.local = processes;
        return this;
    }

    /**
     * {@code hetzner reinstall} with the operator's agent, bundle and identity ({@code --identity}, the
     * other name of {@code --ssh-key}), then {@code more}.
     */
    static String[] reinstall(OperatorFiles files, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "hetzner",
                "reinstall",
                "--agent",
                files.agent().toString(),
                "--bundle",
                files.bundle().toString(),
                "--identity",
                files.identity().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    int run(String... args) {
        Optional<String> answer = typed;
        return new Main(new CloudContext(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        environment,
                        home,
                        waiter,
                        config -> TomsdevsnHetznerApi.create(config, budget, waiter, callDeadline),
                        ssh,
                        false,
                        question -> answer.map(String::toCharArray),
                        local))
                .run(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The requests the API budget granted so far. */
    TokenBucket budget() {
        return budget;
    }
}

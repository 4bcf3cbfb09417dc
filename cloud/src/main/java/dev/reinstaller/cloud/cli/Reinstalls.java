package dev.reinstaller.cloud.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.cli.bar.BarProgress;
import dev.reinstaller.cloud.reinstall.Addressing;
import dev.reinstaller.cloud.reinstall.Fleet;
import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.cloud.reinstall.Progress;
import dev.reinstaller.cloud.reinstall.ReinstallService;
import dev.reinstaller.cloud.reinstall.ReinstallSettings;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshTarget;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The part of a reinstall that is the same however the hosts were found: read the disk key, run the
 * fleet with progress on stderr (a bar on a terminal), write the result file and print the summary.
 */
final class Reinstalls {
    private Reinstalls() {}

    /**
     * @param afterEach what runs on each outcome, given the service (a Hetzner recovery, or nothing)
     * @return the exit code for the outcomes
     */
    static int run(
            CloudContext context,
            SshOptions ssh,
            InstallFlags flags,
            ReinstallSettings settings,
            List<Host> hosts,
            Function<ReinstallService, Fleet.After> afterEach) {
        byte[] key = flags.diskKey.read(context);
        try {
            List<ServerOutcome> outcomes = fleet(context, ssh, flags, settings, hosts, key, afterEach);
            if (flags.resultFile != null) {
                ResultFile.write(flags.resultFile, outcomes);
            }
            if (flags.json) {
                var summary = JsonMapper.builder().build().createObjectNode();
                summary.put("kind", "summary");
                var list = summary.putArray("servers");
                outcomes.forEach(o -> list.add(Outcomes.json(o)));
                context.out().println(summary);
            } else {
                context.out().print(Fleet.summary(outcomes));
            }
            context.out().flush();
            return Outcomes.exitCode(outcomes).code();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static List<ServerOutcome> fleet(
            CloudContext context,
            SshOptions ssh,
            InstallFlags flags,
            ReinstallSettings settings,
            List<Host> hosts,
            byte[] key,
            Function<ReinstallService, Fleet.After> afterEach) {
        boolean bar = context.terminal() && !flags.json;
        BarProgress barProgress =
                bar ? new BarProgress(hosts.size(), new PrintStream(System.err, true, StandardCharsets.UTF_8)) : null;
        Progress progress =
                bar ? barProgress : new LineProgress(flags.json ? context.out() : context.err(), flags.json);
        Ssh client = context.ssh().get();
        List<Path> ids = ssh.identities(context);
        Addressing addressing = host -> new SshTarget(host.name(), host.address(), settings.sshPort(), ssh.user, ids);
        try (HttpClient http = HttpClient.newHttpClient()) {
            ReinstallService service = new ReinstallService(
                    client, context.waiter(), settings, progress, http, addressing, context.local());
            return new Fleet(service, flags.parallel, afterEach.apply(service)).run(hosts, key::clone);
        } finally {
            if (barProgress != null) {
                barProgress.close();
            }
            Closing.quietly(client);
        }
    }
}

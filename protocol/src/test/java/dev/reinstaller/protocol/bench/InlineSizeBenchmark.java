package dev.reinstaller.protocol.bench;

import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.KernelCommandLine;
import dev.reinstaller.protocol.RandomHosts;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Measures how many characters of the kernel command line our {@code reinstaller.*} parameters take
 * when runtime info travels inline, against the original system's {@code runtime_info="<base64 JSON>"}.
 * Run it with {@code scripts/bench-wire-format}; it reads the golden files of the tests.
 *
 * <p>Goal: at most {@value #GOAL_CHARS} characters for the typical Hetzner host, and under
 * {@value #GOAL_PERCENT} % of the original's parameter for the same host.
 */
public final class InlineSizeBenchmark {
    static final int GOAL_CHARS = 450;
    static final int GOAL_PERCENT = 60;
    static final int HOSTS = 1000;
    static final long SEED = 20211128L;

    private static final String GOLDEN = "/dev/reinstaller/protocol/golden/";

    private InlineSizeBenchmark() {}

    public static void main(String[] args) {
        int status = run(System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Prints the numbers; returns 0 when the goals are met, 1 otherwise. */
    static int run(PrintStream out) {
        RuntimeInfo typical =
                RuntimeInfoJson.read(resource("hetzner.json"), "hetzner.json").orThrow();
        int ours = inlineLength(typical);
        out.printf("typical Hetzner host: %d characters of reinstaller.* parameters (goal <= %d)%n", ours, GOAL_CHARS);

        int[] lengths = new int[HOSTS];
        RandomHosts hosts = new RandomHosts(SEED);
        for (int i = 0; i < HOSTS; i++) {
            lengths[i] = inlineLength(hosts.hetzner());
        }
        Arrays.sort(lengths);
        out.printf(
                "%d random Hetzner-shaped hosts: median %d, min %d, max %d characters%n",
                HOSTS, median(lengths), lengths[0], lengths[HOSTS - 1]);

        int original = legacyLength();
        double percent = 100.0 * ours / original;
        out.printf("original runtime_info=\"...\" for the typical host: %d characters%n", original);
        out.printf("ours / original: %.1f %% (goal < %d %%)%n", percent, GOAL_PERCENT);
        boolean met = ours <= GOAL_CHARS && percent < GOAL_PERCENT;
        out.println(met ? "goals met" : "GOALS MISSED");
        return met ? 0 : 1;
    }

    /** Characters of every inline {@code reinstaller.*} parameter, with the confirmation token the agent adds. */
    static int inlineLength(RuntimeInfo info) {
        BootEncoder.Encoded encoded = BootEncoder.encode(
                new BootEncoder.Request(info, "", Optional.of(ConfirmationToken.of(info)), Optional.empty(), false));
        if (encoded.infoInCpio()) {
            throw new IllegalStateException("runtime info of " + info.hostName() + " did not fit inline");
        }
        return encoded.ours().length();
    }

    /** The original's parameter, quotes included, as it stands in the golden legacy command line. */
    static int legacyLength() {
        String line = new String(resource("legacy-2021.cmdline"), StandardCharsets.UTF_8);
        for (KernelCommandLine.Parameter p : KernelCommandLine.parse(line)) {
            if (p.name().equals("runtime_info")) {
                return "runtime_info=\"\"".length() + p.value().length();
            }
        }
        throw new IllegalStateException("legacy-2021.cmdline holds no runtime_info");
    }

    private static int median(int[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static byte[] resource(String name) {
        try (InputStream in = InlineSizeBenchmark.class.getResourceAsStream(GOLDEN + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + GOLDEN + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

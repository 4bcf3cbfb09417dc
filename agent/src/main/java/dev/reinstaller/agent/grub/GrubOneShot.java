package dev.reinstaller.agent.grub;

import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes the reinstaller menu entry into GRUB's {@code custom.cfg} (between markers, leaving other
 * content alone) and makes it the entry for the next boot only ({@code grub-reboot}). If that boot
 * fails, the following one starts the old system again.
 */
public final class GrubOneShot {
    static final String BEGIN = "### BEGIN reinstaller (written by reinstaller-agent grub) ###";
    static final String END = "### END reinstaller ###";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HostPaths paths;
    private final Processes processes;

    public GrubOneShot(HostPaths paths, Processes processes) {
        this.paths = paths;
        this.processes = processes;
    }

    /** What was done, for the command's output. */
    public record Outcome(Path customConfig, String rebootCommand) {}

    public Outcome install(GrubEntry entry) {
        Layout layout = layout();
        String current = read(layout.custom());
        String updated = withoutBlock(current) + BEGIN + "\n" + entry.menuEntry() + END + "\n";
        write(layout.custom(), updated);
        processes.run(List.of(layout.reboot(), GrubEntry.TITLE), TIMEOUT).stdoutOrThrow();
        return new Outcome(layout.custom(), layout.reboot() + " " + GrubEntry.TITLE);
    }

    /** Removes the entry again; the next boot is the default one. */
    public Path remove() {
        Layout layout = layout();
        String current = read(layout.custom());
        write(layout.custom(), withoutBlock(current));
        return layout.custom();
    }

    private record Layout(Path custom, String reboot) {}

    private Layout layout() {
        for (String name : List.of("grub", "grub2")) {
            Path dir = paths.resolve("/boot/" + name);
            Path config = dir.resolve("grub.cfg");
            if (Files.isRegularFile(config)) {
                if (!read(config).contains("custom.cfg")) {
                    throw new IllegalStateException(config + " does not source custom.cfg, so a one-shot entry"
                            + " there would never show; boot by hand with `reinstaller-agent cmdline --grub`");
                }
                return new Layout(dir.resolve("custom.cfg"), name + "-reboot");
            }
        }
        throw new IllegalStateException("no GRUB configuration in /boot/grub or /boot/grub2: this host does not"
                + " boot with GRUB; use `reinstaller-agent install` instead");
    }

    static String withoutBlock(String text) {
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        }
        int end = text.indexOf(END, begin);
        if (end < 0) {
            throw new IllegalStateException(
                    "custom.cfg has the reinstaller start marker but no end marker;" + " fix it by hand");
        }
        int after = end + END.length();
        if (after < text.length() && text.charAt(after) == '\n') {
            after++;
        }
        return withoutBlock(text.substring(0, begin) + text.substring(after));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".reinstaller-tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

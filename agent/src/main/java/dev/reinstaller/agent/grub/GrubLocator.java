package dev.reinstaller.agent.grub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.hostinfo.process.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Finds the filesystem holding a directory ({@code findmnt -J -T DIR}) and names it for GRUB. */
public final class GrubLocator {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Processes processes;

    public GrubLocator(Processes processes) {
        this.processes = processes;
    }

    public GrubLocation locate(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        String json = processes
                .run(List.of("findmnt", "-J", "-n", "-T", absolute.toString(), "-o", "TARGET,UUID,FSTYPE"), TIMEOUT)
                .stdoutOrThrow();
        JsonNode fs;
        try {
            fs = JsonMapper.builder().build().readTree(json).path("filesystems").path(0);
        } catch (IOException e) {
            throw new IllegalStateException("findmnt printed no JSON for " + absolute + ": " + e.getMessage(), e);
        }
        String target = fs.path("target").asText("");
        String uuid = fs.path("uuid").isTextual() ? fs.path("uuid").asText() : "";
        String type = fs.path("fstype").asText("");
        if (target.isEmpty()) {
            throw new IllegalStateException("findmnt names no filesystem for " + absolute);
        }
        if (List.of("tmpfs", "ramfs", "overlay", "squashfs", "zfs").contains(type)) {
            throw new IllegalStateException(absolute + " is on " + type + ", which GRUB cannot read at boot;"
                    + " put the bundle on an ext4, xfs, btrfs or vfat filesystem");
        }
        String relative = "/" + Path.of(target).relativize(absolute);
        return new GrubLocation(uuid.isEmpty() ? null : uuid, type, relative.equals("/") ? "/" : relative);
    }
}

package dev.reinstaller.installer.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.protocol.Disk;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code finalize}: writes the install manifest to {@code /persist/reinstaller/install-manifest.json}
 * on the new system (runtime info and where it came from, the disk, the host key fingerprints, how
 * long each phase took), then unmounts {@code /mnt} and exports the pool, so the next boot imports a
 * cleanly exported {@code rpool}. Everything through the {@link DiskWriter}. The host flake and its
 * lock (which pins the bundle's source by narHash) stay in {@code /persist/etc/nixos} of the installed host ({@code /etc/nixos} links there).
 */
public record FinalizePhase(EventLog log, Clock clock, DiskWriter disk) implements PhaseAction {
    static final String MANIFEST = DiskLayout.PERSIST + "/reinstaller/install-manifest.json";
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public void run(RunState state) {
        disk.writeFile(MANIFEST, manifest(state), false);
        disk.run(List.of("umount", "-R", DiskLayout.ROOT), TIMEOUT).orThrow();
        disk.run(List.of("zpool", "export", DiskLayout.POOL), TIMEOUT).orThrow();
        log.log(
                Phase.FINALIZE,
                "manifest written, " + DiskLayout.ROOT + " unmounted, pool " + DiskLayout.POOL + " exported");
    }

    byte[] manifest(RunState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("installedAt", clock.now().toString());
        root.put("runtimeInfoOrigin", state.info().origin());
        root.set("runtimeInfo", state.info().received());
        Disk target = state.target();
        root.putObject("disk")
                .put("name", target.name())
                .put("serial", target.serial())
                .put("sizeBytes", target.sizeBytes());
        state.oldData()
                .ifPresent(old -> root.putObject("oldData")
                        .put("method", old.method())
                        .put("bytes", old.bytes())
                        .put("millis", old.millis())
                        .put("samplesReadBack", old.samplesReadBack()));
        ArrayNode keys = root.putArray("hostKeys");
        ArrayNode phases = root.putArray("phases");
        for (Event event : log.events()) {
            if (event instanceof Event.HostKeys k) {
                k.keys()
                        .forEach(f -> keys.addObject()
                                .put("purpose", f.purpose())
                                .put("type", f.type())
                                .put("sha256", f.sha256()));
            } else if (event instanceof Event.PhaseFinished f) {
                phases.addObject().put("phase", f.phase().wire()).put("millis", f.millis());
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

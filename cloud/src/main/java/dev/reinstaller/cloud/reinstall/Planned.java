package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.protocol.RuntimeInfo;
import java.util.List;

/**
 * What the agent found on the old host before the kexec: what a verification compares the installed
 * host with, and what a second attempt from the rescue system must find again.
 *
 * @param token the confirmation token of the first plan (machine, disk serial, size)
 * @param info the runtime info of the first {@code facts}
 * @param earlierKeys host keys that answered at the address before (old host, ramdisk): a rescue
 *     system presenting one of them is not the rescue system
 */
public record Planned(String token, RuntimeInfo info, List<String> earlierKeys) {
    public Planned {
        if (token == null || token.isBlank() || info == null) {
            throw new IllegalArgumentException("a plan needs its token and runtime info");
        }
        earlierKeys = List.copyOf(earlierKeys);
    }

    /** The target disk as the rescue system's agent is told it: its by-id path, else its kernel path. */
    public String disk() {
        String byId = info.targetDisk().byId();
        return byId != null ? byId : info.targetDisk().devicePath();
    }
}

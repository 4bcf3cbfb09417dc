package dev.reinstaller.agent.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * The device paths in {@code zpool status -P -L <pool>}: the lines of the config section whose first
 * word is a path under {@code /dev/}. Works with every OpenZFS version (the JSON form is 2.3+).
 */
final class ZpoolStatus {
    private ZpoolStatus() {}

    static List<String> vdevs(String output) {
        List<String> paths = new ArrayList<>();
        boolean inConfig = false;
        for (String line : output.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("config:")) {
                inConfig = true;
            } else if (stripped.startsWith("errors:")) {
                inConfig = false;
            } else if (inConfig && stripped.startsWith("/dev/")) {
                paths.add(stripped.split("\\s+")[0]);
            }
        }
        return paths;
    }
}

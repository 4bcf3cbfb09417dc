package dev.reinstaller.agent.grub;

import java.util.ArrayList;
import java.util.List;

/**
 * The GRUB commands that boot the bundle: typed at the GRUB console ({@link #consoleLines()}) or
 * written as a one-shot menu entry ({@link #menuEntry()}).
 *
 * @param location where the bundle lies
 * @param kernel the kernel's file name
 * @param initrds the initrd file names, in order (the bundle's, then an optional runtime-info cpio)
 * @param commandLine the whole kernel command line
 */
public record GrubEntry(GrubLocation location, String kernel, List<String> initrds, String commandLine) {
    public static final String TITLE = "reinstaller";

    public GrubEntry {
        initrds = List.copyOf(initrds);
        if (commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("the kernel command line must be one line without single quotes");
        }
    }

    public List<String> consoleLines() {
        List<String> lines = new ArrayList<>();
        lines.add("insmod part_gpt");
        lines.add("insmod part_msdos");
        lines.add("insmod " + location.module());
        lines.add(
                location.fsUuid() != null
                        ? "search --no-floppy --fs-uuid --set=root " + location.fsUuid()
                        : "search --no-floppy --file --set=root " + location.file(kernel));
        lines.add("linux " + location.file(kernel) + " " + commandLine);
        lines.add("initrd "
                + String.join(" ", initrds.stream().map(location::file).toList()));
        lines.add("boot");
        return lines;
    }

    /** A {@code menuentry} block for a GRUB configuration file. */
    public String menuEntry() {
        StringBuilder out = new StringBuilder("menuentry '" + TITLE + "' --id " + TITLE + " {\n");
        for (String line : consoleLines()) {
            if (!line.equals("boot")) {
                out.append("    ").append(line).append('\n');
            }
        }
        return out.append("}\n").toString();
    }
}

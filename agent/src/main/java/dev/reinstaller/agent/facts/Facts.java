package dev.reinstaller.agent.facts;

import dev.reinstaller.protocol.RuntimeInfo;
import java.util.List;
import java.util.Objects;

/**
 * What {@code facts} found: the runtime info the new system gets, what the operator should know
 * about how it was found, and what is on the target disk now.
 *
 * @param info validated runtime info
 * @param findings disagreements between sources, things skipped and guesses made, in the order found
 * @param target the current state of the first target disk
 */
public record Facts(RuntimeInfo info, List<Finding> findings, TargetDiskState target) {
    public Facts {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(target, "target");
        findings = List.copyOf(findings);
    }

    /** The findings at {@link Finding.Level#WARN}. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.level() == Finding.Level.WARN).toList();
    }
}

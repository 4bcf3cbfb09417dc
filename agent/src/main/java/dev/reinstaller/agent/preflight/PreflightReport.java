package dev.reinstaller.agent.preflight;

import java.util.List;
import java.util.Optional;

/** Every check that ran, in the order it ran. */
public record PreflightReport(List<CheckResult> checks) {
    public PreflightReport {
        checks = List.copyOf(checks);
    }

    /** True when no check failed; warnings do not count. */
    public boolean passed() {
        return checks.stream().noneMatch(CheckResult::failed);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(CheckResult::failed).toList();
    }

    public Optional<CheckResult> find(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** One line naming every failed check and its reason, for an error message. */
    public String summary() {
        List<CheckResult> failed = failures();
        if (failed.isEmpty()) {
            return "all " + checks.size() + " checks passed";
        }
        StringBuilder out = new StringBuilder(failed.size() + " of " + checks.size() + " checks failed: ");
        for (int i = 0; i < failed.size(); i++) {
            out.append(i == 0 ? "" : "; ")
                    .append(failed.get(i).id())
                    .append(": ")
                    .append(failed.get(i).reason());
        }
        return out.toString();
    }
}

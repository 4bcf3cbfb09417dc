package dev.reinstaller.agent.plan;

import java.io.PrintWriter;
import java.util.List;

/** Prints a {@link Plan} for a person. */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static void print(Plan plan, PrintWriter out) {
        out.println("Plan for " + plan.host() + " (" + plan.machine() + ")");
        out.println();
        out.println("The disk that will be WIPED:");
        out.println("  " + plan.disk());
        section(out, "On it now:", plan.diskNow());
        section(out, "Old data:", List.of(plan.oldData()));
        section(out, "After the install:", plan.layout());
        section(out, "Network of the new system:", plan.network());
        if (!plan.notRestored().isEmpty()) {
            section(out, "Not restored:", plan.notRestored());
        }
        section(out, "SSH:", plan.ssh());
        section(out, "Flake:", plan.flake());
        if (!plan.findings().isEmpty()) {
            section(out, "Check these:", plan.findings());
        }
        out.println();
        out.println("Confirmation token: " + plan.confirmationToken());
        out.println(
                "  reinstaller-agent install --bundle DIR --confirm " + plan.confirmationToken() + " --disk-key-stdin");
        out.println();
        out.println("Nothing has been changed.");
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        out.println();
        out.println(title);
        lines.forEach(line -> out.println("  " + line));
    }
}

package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Phase;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses {@code --phases a,b,c} into a set of phases; they always run in {@link Phase} order. */
public final class PhaseSelection {
    private PhaseSelection() {}

    public static Set<Phase> all() {
        return EnumSet.allOf(Phase.class);
    }

    /**
     * The phases named in {@code text}, comma-separated.
     *
     * @throws IllegalArgumentException naming the unknown phase and the known ones
     */
    public static Set<Phase> parse(String text) {
        EnumSet<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : text.split(",", -1)) {
            String trimmed = name.strip();
            Phase phase = Phase.fromWire(trimmed)
                    .orElseThrow(() -> new IllegalArgumentException("unknown phase '" + trimmed + "' (phases: "
                            + Arrays.stream(Phase.values()).map(Phase::wire).collect(Collectors.joining(","))
                            + ")"));
            phases.add(phase);
        }
        return phases;
    }
}

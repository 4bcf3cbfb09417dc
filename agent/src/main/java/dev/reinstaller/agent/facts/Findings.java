package dev.reinstaller.agent.facts;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link Finding}s during one {@link FactsService#gather} call; not shared between calls. */
final class Findings {
    private final List<Finding> list = new ArrayList<>();

    void info(String source, String message) {
        list.add(new Finding(Finding.Level.INFO, source, message));
    }

    void warn(String source, String message) {
        list.add(new Finding(Finding.Level.WARN, source, message));
    }

    List<Finding> all() {
        return List.copyOf(list);
    }
}

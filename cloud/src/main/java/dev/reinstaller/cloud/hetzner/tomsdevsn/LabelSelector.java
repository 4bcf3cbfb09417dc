package dev.reinstaller.cloud.hetzner.tomsdevsn;

import java.util.Map;

/**
 * Evaluates the equality forms of a Hetzner label selector against a server's labels, to tell
 * whether a firewall applied by selector covers the server: {@code k=v}, {@code k==v}, {@code k!=v},
 * {@code k}, {@code !k}, joined by commas. Set forms ({@code k in (a,b)}) count as matching, so a
 * firewall is never overlooked.
 */
final class LabelSelector {
    private LabelSelector() {}

    static boolean matches(String selector, Map<String, String> labels) {
        if (selector == null || selector.isBlank()) {
            return false;
        }
        if (selector.contains("(")) {
            return true;
        }
        for (String term : selector.split(",")) {
            if (!term(term.strip(), labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean term(String term, Map<String, String> labels) {
        if (term.contains("!=")) {
            String[] kv = term.split("!=", 2);
            return !kv[1].strip().equals(labels.get(kv[0].strip()));
        }
        if (term.contains("=")) {
            String[] kv = term.split("==?", 2);
            return kv[1].strip().equals(labels.get(kv[0].strip()));
        }
        if (term.startsWith("!")) {
            return !labels.containsKey(term.substring(1).strip());
        }
        return labels.containsKey(term);
    }
}

package dev.reinstaller.cloud.reinstall;

import java.util.List;

/**
 * What the installed host said about itself over SSH (pinned key), against the runtime info it was
 * installed from.
 *
 * @param expectedHostName runtime info's host name
 * @param hostName what {@code hostname} printed
 * @param pool {@code rpool}'s health as {@code zpool list} printed it (ONLINE when well)
 * @param found addresses of runtime info that {@code ip -j addr} shows on the NIC with the same MAC
 * @param missing addresses of runtime info it does not show there ({@code MAC cidr})
 */
public record Verification(
        String expectedHostName, String hostName, String pool, List<String> found, List<String> missing) {
    public Verification {
        found = List.copyOf(found);
        missing = List.copyOf(missing);
    }

    /** Host name as expected, the pool ONLINE, every address in place. */
    public boolean ok() {
        return hostName.equals(expectedHostName) && pool.equals("ONLINE") && missing.isEmpty();
    }

    /** What differs, for a failure message; empty when {@link #ok()}. */
    public String differences() {
        StringBuilder out = new StringBuilder();
        if (!hostName.equals(expectedHostName)) {
            out.append("host name is '")
                    .append(hostName)
                    .append("', expected '")
                    .append(expectedHostName)
                    .append("'");
        }
        if (!pool.equals("ONLINE")) {
            out.append(out.isEmpty() ? "" : "; ").append("rpool is ").append(pool);
        }
        if (!missing.isEmpty()) {
            out.append(out.isEmpty() ? "" : "; ").append("addresses missing: ").append(String.join(", ", missing));
        }
        return out.toString();
    }

    /** One line for progress and the summary. */
    public String summary() {
        return "host " + hostName + ", rpool " + pool + ", " + found.size() + " of " + (found.size() + missing.size())
                + " addresses";
    }
}

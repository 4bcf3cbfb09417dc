package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Root's SSH public keys from an {@code authorized_keys} file, as plain {@code type base64 comment}
 * lines: options such as {@code no-port-forwarding,command="..."} (Debian cloud images put one on
 * root's key that only prints "Please login as the user ...") are dropped, comments and blank lines
 * skipped, and each key kept once.
 */
final class AuthorizedKeys {
    static final String FILE = "/root/.ssh/authorized_keys";
    /** Where NixOS keeps root's keys ({@code users.users.root.openssh.authorizedKeys}). */
    static final String NIXOS_FILE = "/etc/ssh/authorized_keys.d/root";

    private static final Pattern KEY_TYPE =
            Pattern.compile("ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com");

    private AuthorizedKeys() {}

    /** Root's keys from both places, each once; a warning when there is none. */
    static List<String> gather(HostFiles files, Findings findings) {
        List<String> keys = new ArrayList<>();
        for (String file : List.of(FILE, NIXOS_FILE)) {
            for (String key : parse(file, files.lines(file), findings)) {
                if (keys.stream().noneMatch(k -> identity(k).equals(identity(key)))) {
                    keys.add(key);
                }
            }
        }
        if (keys.isEmpty()) {
            findings.warn("keys", "no key in " + FILE + " or " + NIXOS_FILE + ": nobody can log in to the new system");
        }
        return keys;
    }

    /** The keys in {@code lines} of {@code file}, in file order, without duplicates. */
    static List<String> parse(String file, List<String> lines, Findings findings) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String keyPart = line;
            if (!startsWithKeyType(line)) {
                int end = endOfOptions(line);
                keyPart = line.substring(end).strip();
                if (startsWithKeyType(keyPart)) {
                    findings.info(
                            "keys",
                            file + " line " + (i + 1) + ": options '" + abbreviate(line.substring(0, end))
                                    + "' dropped, the key is kept");
                }
            }
            String key = normalize(keyPart);
            if (key == null) {
                findings.info("keys", file + " line " + (i + 1) + " is not a public key; skipped");
                continue;
            }
            String[] parts = key.split(" ", 3);
            keys.putIfAbsent(parts[0] + " " + parts[1], key);
        }
        return new ArrayList<>(keys.values());
    }

    /** Key data of an OpenSSH line, for matching keys regardless of comments. */
    static String identity(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        return parts.length < 2 ? line : parts[0] + " " + parts[1];
    }

    /** The comment of a key line, or its last characters where it has none. */
    static String label(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length == 3) {
            return parts[2];
        }
        String data = parts.length > 1 ? parts[1] : parts[0];
        return parts[0] + " ..." + data.substring(Math.max(0, data.length() - 12));
    }

    private static boolean startsWithKeyType(String line) {
        String first = line.split("\\s+", 2)[0];
        return KEY_TYPE.matcher(first).matches();
    }

    /** Index just past the options field: the first white space outside double quotes. */
    private static int endOfOptions(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && Character.isWhitespace(c)) {
                return i;
            }
        }
        return line.length();
    }

    /** {@code type base64 [comment]} with single spaces, or null when it is not a valid key. */
    private static String normalize(String text) {
        String[] parts = text.split("\\s+", 3);
        if (parts.length < 2 || !KEY_TYPE.matcher(parts[0]).matches()) {
            return null;
        }
        try {
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            if (blob.length < 4 + parts[0].length() || !embeddedType(blob).equals(parts[0])) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (comment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            comment = "";
        }
        return comment.isEmpty() ? parts[0] + " " + parts[1] : parts[0] + " " + parts[1] + " " + comment;
    }

    /** The key type the blob itself names (a length-prefixed string at its start). */
    private static String embeddedType(byte[] blob) {
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (length <= 0 || length > blob.length - 4) {
            return "";
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}

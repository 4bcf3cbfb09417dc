package dev.reinstaller.hostinfo.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small block-style YAML subset the Hetzner metadata service writes ({@code network-config},
 * {@code private-networks}): nested maps and lists, plain or quoted scalars, {@code []} and
 * {@code {}}, literal blocks. Values come back as {@code Map<String, Object>}, {@code List<Object>},
 * {@code String} or null. Anything else is refused with {@link IllegalArgumentException}; callers
 * treat that as "not understood". The agent and the installer read the metadata service through it.
 */
public final class MiniYaml {
    private record Line(int indent, String content) {}

    private final List<Line> lines = new ArrayList<>();
    private int pos;

    private MiniYaml(String text) {
        for (String raw : text.lines().toList()) {
            String content = raw.strip();
            if (content.isEmpty() || content.startsWith("#") || content.equals("---") || content.equals("...")) {
                continue;
            }
            if (raw.indexOf('\t') >= 0 && raw.indexOf('\t') < raw.indexOf(content.charAt(0))) {
                throw new IllegalArgumentException("tab in indentation");
            }
            lines.add(new Line(raw.indexOf(content.charAt(0)), content));
        }
    }

    public static Object parse(String text) {
        MiniYaml yaml = new MiniYaml(text);
        if (yaml.lines.isEmpty()) {
            return null;
        }
        Object value = yaml.block(yaml.lines.getFirst().indent());
        if (yaml.pos != yaml.lines.size()) {
            throw new IllegalArgumentException(
                    "unexpected indentation at '" + yaml.lines.get(yaml.pos).content() + "'");
        }
        return value;
    }

    private Object block(int indent) {
        Line line = lines.get(pos);
        if (isItem(line.content())) {
            return list(indent);
        }
        if (keyEnd(line.content()) < 0) {
            pos++;
            return scalar(line.content());
        }
        return map(indent);
    }

    private List<Object> list(int indent) {
        List<Object> list = new ArrayList<>();
        while (pos < lines.size()
                && lines.get(pos).indent() == indent
                && isItem(lines.get(pos).content())) {
            String content = lines.get(pos).content();
            String rest = content.substring(1).strip();
            if (rest.isEmpty()) {
                pos++;
                list.add(
                        pos < lines.size() && lines.get(pos).indent() > indent
                                ? block(lines.get(pos).indent())
                                : null);
            } else {
                int offset = content.indexOf(rest, 1);
                lines.set(pos, new Line(indent + offset, rest));
                list.add(block(indent + offset));
            }
        }
        return list;
    }

    private Map<String, Object> map(int indent) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (pos < lines.size()
                && lines.get(pos).indent() == indent
                && !isItem(lines.get(pos).content())) {
            String content = lines.get(pos).content();
            int end = keyEnd(content);
            if (end < 0) {
                throw new IllegalArgumentException("'" + content + "' is not 'key: value'");
            }
            String key = unquote(content.substring(0, end).strip());
            String value = content.substring(end + 1).strip();
            pos++;
            if (value.isEmpty()) {
                boolean nested = pos < lines.size()
                        && (lines.get(pos).indent() > indent
                                || (lines.get(pos).indent() == indent
                                        && isItem(lines.get(pos).content())));
                map.put(key, nested ? block(lines.get(pos).indent()) : null);
            } else if (value.startsWith("|") || value.startsWith(">")) {
                map.put(key, literal(indent, value.startsWith("|") ? "\n" : " "));
            } else {
                map.put(key, scalar(value));
            }
        }
        return map;
    }

    private String literal(int indent, String joiner) {
        List<String> parts = new ArrayList<>();
        while (pos < lines.size() && lines.get(pos).indent() > indent) {
            parts.add(lines.get(pos++).content());
        }
        return String.join(joiner, parts);
    }

    private static boolean isItem(String content) {
        return content.equals("-") || content.startsWith("- ");
    }

    /** Index of the colon that ends a key, or -1 when the line is no {@code key: value}. */
    private static int keyEnd(String content) {
        if (content.startsWith("\"") || content.startsWith("'")) {
            int close = content.indexOf(content.charAt(0), 1);
            return close > 0 && content.startsWith(":", close + 1) ? close + 1 : -1;
        }
        int colon = content.indexOf(": ");
        if (colon > 0) {
            return colon;
        }
        return content.endsWith(":") ? content.length() - 1 : -1;
    }

    private static Object scalar(String text) {
        if (text.equals("[]")) {
            return List.of();
        }
        if (text.equals("{}")) {
            return Map.of();
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            List<Object> items = new ArrayList<>();
            for (String item : text.substring(1, text.length() - 1).split(",")) {
                items.add(scalar(item.strip()));
            }
            return items;
        }
        if (text.equals("~") || text.equals("null")) {
            return null;
        }
        return unquote(text);
    }

    private static String unquote(String text) {
        if (text.length() >= 2
                && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        int comment = text.indexOf(" #");
        return comment < 0 ? text : text.substring(0, comment).strip();
    }
}

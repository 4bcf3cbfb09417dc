package dev.reinstaller.installer.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command's arguments, read as long options ({@code --name VALUE} or {@code --name=VALUE}, each at
 * most once) and the flags {@code -h}/{@code --help} and {@code -V}/{@code --version}. The installer's
 * command line is small and written by its unit, so it is read here by hand: an annotation-driven
 * parser costs hundreds of milliseconds of reflection between process start and the status API.
 */
final class CommandArgs {
    private final Map<String, String> values;
    private final boolean help;
    private final boolean version;

    private CommandArgs(Map<String, String> values, boolean help, boolean version) {
        this.values = values;
        this.help = help;
        this.version = version;
    }

    /**
     * Reads {@code args}, accepting the long options in {@code names} (each with its leading
     * {@code --}).
     *
     * @throws UsageException for an unknown option, a missing value, a repeated option or a positional
     *     argument
     */
    static CommandArgs parse(List<String> args, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "-V", "--version" -> version = true;
                default -> {
                    int equals = arg.indexOf('=');
                    boolean inline = arg.startsWith("--") && equals > 0;
                    String name = inline ? arg.substring(0, equals) : arg;
                    if (!names.contains(name)) {
                        throw new UsageException(
                                arg.startsWith("-")
                                        ? "unknown option '" + name + "'"
                                        : "unexpected argument '" + arg + "'");
                    }
                    String value;
                    if (inline) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException("option '" + name + "' needs a value");
                    }
                    if (values.putIfAbsent(name, value) != null) {
                        throw new UsageException("option '" + name + "' should be given only once");
                    }
                }
            }
        }
        return new CommandArgs(Map.copyOf(values), help, version);
    }

    boolean help() {
        return help;
    }

    boolean version() {
        return version;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    long number(String name, long fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + text + "' is not a number");
        }
    }

    Path path(String name, String fallback) {
        String text = values.getOrDefault(name, fallback);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(name + ": '" + text + "' is not a path: " + e.getMessage());
        }
    }

    URI uri(String name, URI fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException(name + ": '" + text + "' is not a URL: " + e.getMessage());
        }
    }
}

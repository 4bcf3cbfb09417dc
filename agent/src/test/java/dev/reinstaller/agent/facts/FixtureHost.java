package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a fake host from {@code /facts/<name>/host.txt}: a file tree under a temporary root plus
 * recorded command output. The file is a sequence of sections, each starting with a line
 * {@code == <kind> ...}; lines before the first section are the header (the fixture's source):
 *
 * <ul>
 *   <li>{@code == include <fixture>}: everything of another fixture first (later sections override);
 *   <li>{@code == file <path>}: the following lines are the file's content;
 *   <li>{@code == hex <path>}: the following line is the file's content in hex;
 *   <li>{@code == link <path> -> <target>}: a symbolic link (git and Maven resources stay link-free);
 *   <li>{@code == dir <path>}: an empty directory;
 *   <li>{@code == delete <path>}: removes what an included fixture made;
 *   <li>{@code == cmd [exit=N] <argv...>}: the following lines are the command's stdout;
 *   <li>{@code == meta <key>}: the following lines are the metadata service's answer for the key.
 * </ul>
 */
public final class FixtureHost {
    private final Path root;
    private final FakeProcesses processes = FakeProcesses.strict();
    private final FakeMetadata metadata = new FakeMetadata();

    private FixtureHost(Path root) {
        this.root = root;
    }

    public static FixtureHost load(String name, Path root) {
        FixtureHost host = new FixtureHost(root);
        host.apply(name);
        return host;
    }

    public HostPaths paths() {
        return new HostPaths(root);
    }

    public FakeProcesses processes() {
        return processes;
    }

    /** The fixture's metadata answers ({@code == meta <key>} sections). */
    public FakeMetadata metadata() {
        return metadata;
    }

    public Path root() {
        return root;
    }

    private void apply(String name) {
        List<String> lines = read("/facts/" + name + "/host.txt").lines().toList();
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith("== ")) {
            i++;
        }
        while (i < lines.size()) {
            String header = lines.get(i).substring(3).strip();
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("== ")) {
                body.add(lines.get(i));
                i++;
            }
            section(header, body);
        }
    }

    private void section(String header, List<String> body) {
        String[] words = header.split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "include" -> apply(rest);
                case "file" ->
                    write(rest, (String.join("\n", trimTrailingBlank(body)) + "\n").getBytes(StandardCharsets.UTF_8));
                case "hex" ->
                    write(rest, HexFormat.of().parseHex(body.getFirst().strip()));
                case "dir" -> Files.createDirectories(root.resolve(rest));
                case "link" -> link(rest);
                case "delete" -> delete(root.resolve(rest));
                case "cmd" -> command(rest, body);
                case "meta" -> metadata.answer(rest, String.join("\n", trimTrailingBlank(body)) + "\n");
                default -> throw new IllegalArgumentException("unknown fixture section '" + header + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fixture section '" + header + "'", e);
        }
    }

    private void command(String rest, List<String> body) {
        int exit = 0;
        if (rest.startsWith("exit=")) {
            String[] parts = rest.split("\\s+", 2);
            exit = Integer.parseInt(parts[0].substring("exit=".length()));
            rest = parts[1];
        }
        String stdout = String.join("\n", trimTrailingBlank(body)) + "\n";
        processes.answer(Arrays.asList(rest.split("\\s+")), exit, stdout);
    }

    private void write(String path, byte[] content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.write(file, content);
    }

    private void link(String spec) throws IOException {
        String[] parts = spec.split("\\s+->\\s+");
        Path link = root.resolve(parts[0].strip());
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(parts[1].strip()));
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                for (Path entry : entries.toList()) {
                    delete(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static List<String> trimTrailingBlank(List<String> body) {
        int end = body.size();
        while (end > 0 && body.get(end - 1).isBlank()) {
            end--;
        }
        return body.subList(0, end);
    }

    static String read(String resource) {
        try (InputStream in = FixtureHost.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

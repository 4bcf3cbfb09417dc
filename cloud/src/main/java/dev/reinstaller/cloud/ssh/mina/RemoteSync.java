package dev.reinstaller.cloud.ssh.mina;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Uploads a file or a tree over SFTP, skipping files whose remote SHA-256 already matches. The remote
 * hashes come from one {@code sha256sum} run over every file; a file is written to {@code name.part}
 * and renamed, so an interrupted upload never leaves a half file under the real name.
 */
final class RemoteSync {
    private final MinaSession owner;
    private final ClientSession session;
    private final SshTarget target;

    RemoteSync(MinaSession owner, ClientSession session, SshTarget target) {
        this.owner = owner;
        this.session = session;
        this.target = target;
    }

    SyncReport sync(Path local, String remoteDir, Duration deadline) {
        Map<String, Path> files = localFiles(local);
        Map<String, String> remote = remoteHashes(remoteDir, files.keySet(), deadline);
        List<String> uploaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long bytes = 0;
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            Set<String> made = new LinkedHashSet<>();
            for (Map.Entry<String, Path> file : files.entrySet()) {
                String name = file.getKey();
                if (sha256(file.getValue()).equals(remote.get(name))) {
                    skipped.add(name);
                    continue;
                }
                String path = remoteDir + "/" + name;
                mkdirs(sftp, path.substring(0, path.lastIndexOf('/')), made);
                bytes += upload(sftp, file.getValue(), path);
                uploaded.add(name);
            }
        } catch (IOException e) {
            throw new SshException(
                    SshException.Kind.IO,
                    "upload " + local + " to " + target.describe() + ":" + remoteDir + ": " + e.getMessage(),
                    e);
        }
        return new SyncReport(uploaded, skipped, bytes);
    }

    private static long upload(SftpClient sftp, Path file, String path) throws IOException {
        String part = path + ".part";
        long size;
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = sftp.write(part)) {
            size = in.transferTo(out);
        }
        int mode = Files.isExecutable(file) ? 0755 : 0644;
        sftp.setStat(part, new SftpClient.Attributes().perms(mode));
        try {
            sftp.remove(path);
        } catch (IOException e) {
            // Absent: nothing to replace.
        }
        sftp.rename(part, path);
        return size;
    }

    private static void mkdirs(SftpClient sftp, String dir, Set<String> made) throws IOException {
        if (dir.isEmpty() || made.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            mkdirs(sftp, dir.substring(0, slash), made);
        }
        try {
            sftp.stat(dir);
        } catch (IOException e) {
            sftp.mkdir(dir);
        }
        made.add(dir);
    }

    private Map<String, String> remoteHashes(String remoteDir, Set<String> names, Duration deadline) {
        String command = "cd " + quote(remoteDir) + " 2>/dev/null && sha256sum -- "
                + String.join(" ", names.stream().map(RemoteSync::quote).toList()) + " 2>/dev/null; true";
        ExecResult result = owner.exec(command, new byte[0], deadline);
        Map<String, String> hashes = new HashMap<>();
        switch (result) {
            case ExecResult.Exited exited -> {
                for (String line : exited.stdout().split("\n")) {
                    String[] fields = line.split("\\s+\\*?", 2);
                    if (fields.length == 2 && fields[0].matches("[0-9a-f]{64}")) {
                        hashes.put(fields[1].strip(), fields[0]);
                    }
                }
            }
            case ExecResult.Disconnected d ->
                throw new SshException(
                        SshException.Kind.DISCONNECTED,
                        "hash files on " + target.describe() + ": connection dropped",
                        null);
        }
        return hashes;
    }

    private static Map<String, Path> localFiles(Path local) {
        Map<String, Path> files = new TreeMap<>();
        if (Files.isRegularFile(local)) {
            files.put(local.getFileName().toString(), local);
            return files;
        }
        try (Stream<Path> walk = Files.walk(local)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> files.put(local.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new SshException(SshException.Kind.IO, "cannot read " + local + ": " + e.getMessage(), e);
        }
        return files;
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new SshException(SshException.Kind.IO, "cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    /** Single-quotes a word for a POSIX shell. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

package dev.reinstaller.installer.network;

import dev.reinstaller.installer.system.InstallerException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Resolves a host name with the resolvers the network phase configured, within a deadline. */
@FunctionalInterface
public interface NameResolver {

    /**
     * The addresses of {@code host}.
     *
     * @throws InstallerException (transient) when it does not resolve within {@code timeout}
     */
    List<String> resolve(String host, Duration timeout);

    /**
     * The JDK's resolver (the C library's, reading {@code /etc/resolv.conf}) on a virtual thread,
     * abandoned at the deadline; the JVM's positive cache is short-lived by default.
     */
    static NameResolver system() {
        return (host, timeout) -> {
            CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    lookup.complete(InetAddress.getAllByName(host));
                } catch (UnknownHostException | RuntimeException e) {
                    lookup.completeExceptionally(e);
                }
            });
            try {
                return Arrays.stream(lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                        .map(InetAddress::getHostAddress)
                        .toList();
            } catch (ExecutionException e) {
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT,
                        "cannot resolve " + host + ": " + e.getCause().getMessage(),
                        e);
            } catch (TimeoutException e) {
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT,
                        "resolving " + host + " took longer than " + timeout.toSeconds() + " s",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT, "interrupted while resolving " + host, e);
            }
        };
    }
}

package dev.reinstaller.cloud.ssh;

/** A local port forwarded through the session to an address on the remote side. */
public interface Tunnel extends AutoCloseable {
    /** The local port on 127.0.0.1. */
    int localPort();

    @Override
    void close();
}

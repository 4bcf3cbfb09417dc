/**
 * The operator CLI's own SSH interface (exec, SFTP with hash skip, port forwarding, pinned host keys,
 * known_hosts); the adapter to Apache MINA SSHD lives in {@code ssh.mina}.
 */
package dev.reinstaller.cloud.ssh;

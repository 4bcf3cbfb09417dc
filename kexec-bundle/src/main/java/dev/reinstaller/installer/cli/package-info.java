/**
 * The installer's command line: {@code run} (the service) and {@code authorized-keys} (for sshd), their
 * arguments parsed by hand into records, the wiring of phases and edges, and the exit codes.
 */
package dev.reinstaller.installer.cli;

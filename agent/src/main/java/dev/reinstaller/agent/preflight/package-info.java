/**
 * The checks before anything is loaded: root, architecture, lockdown, memory, bundle hashes, the
 * command-line budget, the passphrase, the disk's identity and a real load and unload of the kernel.
 */
package dev.reinstaller.agent.preflight;

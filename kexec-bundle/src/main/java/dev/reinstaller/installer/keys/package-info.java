/**
 * The {@code keys} phase: the installed host's and its initrd unlock server's SSH host keys, generated
 * on the new pool, and their fingerprints reported for the operator to pin.
 */
package dev.reinstaller.installer.keys;

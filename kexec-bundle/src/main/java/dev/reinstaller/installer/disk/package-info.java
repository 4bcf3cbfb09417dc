/**
 * The {@code partition} phase: clears the confirmed disk of every old signature and lays out the
 * partitions of {@link dev.reinstaller.installer.layout.DiskLayout}.
 */
package dev.reinstaller.installer.disk;

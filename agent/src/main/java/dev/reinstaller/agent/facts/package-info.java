/**
 * Gathering runtime info on the old host: sysfs, /proc, {@code ip -j}, {@code lsblk}, the disk
 * behind /, and the metadata service where DMI says Hetzner, cross-checked into findings.
 */
package dev.reinstaller.agent.facts;

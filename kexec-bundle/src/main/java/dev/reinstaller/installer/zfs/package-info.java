/**
 * The {@code zfs} phase: the encrypted pool and its datasets on the ZFS partition, mounted under the
 * layout's root, with the key passed only through a root-only file.
 */
package dev.reinstaller.installer.zfs;

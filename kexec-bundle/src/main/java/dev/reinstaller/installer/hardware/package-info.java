/**
 * What the ramdisk sees of this machine: its disks, NICs by MAC and platform, read from sysfs.
 */
package dev.reinstaller.installer.hardware;

/**
 * GRUB console lines and the one-shot GRUB entry for booting the installer by hand.
 */
package dev.reinstaller.agent.grub;

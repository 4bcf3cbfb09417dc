/**
 * Loading the bundle with {@code kexec_file_load} through the foreign-function API (the initrd in a
 * memfd) and rebooting into it; the {@code kexec} binary only where the direct call is unavailable.
 */
package dev.reinstaller.agent.kexec;

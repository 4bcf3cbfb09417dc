/**
 * The {@code params} phase: the kernel command line decoded, the cpio's secrets moved aside, and runtime
 * info loaded from wherever it came (the original system's format included) into one current form.
 */
package dev.reinstaller.installer.params;

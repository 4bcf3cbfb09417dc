/**
 * The one surface the tools share: runtime info and its JSON, the kernel parameters (wire format,
 * the 2021 format), the secrets cpio, the bundle manifest, the confirmation token and the exit codes.
 * No dependency on picocli or on any other module of this project.
 */
package dev.reinstaller.protocol;

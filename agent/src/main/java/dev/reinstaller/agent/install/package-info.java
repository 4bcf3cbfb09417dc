/**
 * {@code install}: preflight, encode the parameters and the secrets cpio, load, then the kexec reboot.
 */
package dev.reinstaller.agent.install;

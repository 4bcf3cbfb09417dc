/**
 * The installer's edges to the outside world: process runners (ordinary and the gated one to the
 * disk), the clock and waits with deadlines, the root paths, and the installer's one exception.
 */
package dev.reinstaller.installer.system;

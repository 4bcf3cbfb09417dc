/**
 * The disk key in memory (wiped after use, never logged) and the root-only tmpfs directory where
 * the cpio's files and the pool's transient key file live.
 */
package dev.reinstaller.installer.secrets;

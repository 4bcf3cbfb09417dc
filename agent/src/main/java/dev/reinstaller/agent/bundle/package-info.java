/**
 * The kexec bundle on disk: its manifest, files and their SHA-256, as the agent checks and loads them.
 */
package dev.reinstaller.agent.bundle;

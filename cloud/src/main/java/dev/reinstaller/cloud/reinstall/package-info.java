/**
 * One server's reinstall, phase by phase (old host, ramdisk, after the install) and a fleet of them:
 * upload, agent runs, following the installer's events, answering it, recovery, verification.
 */
package dev.reinstaller.cloud.reinstall;

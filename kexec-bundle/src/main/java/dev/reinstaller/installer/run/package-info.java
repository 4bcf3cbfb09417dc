/**
 * Runs the phases in order with one state per run, holds the point of no return, and owns the
 * watchdog path and the reboot.
 */
package dev.reinstaller.installer.run;

/**
 * What the installer reports: the phases in order, events as console lines and a numbered in-memory
 * log that the status API serves.
 */
package dev.reinstaller.installer.events;

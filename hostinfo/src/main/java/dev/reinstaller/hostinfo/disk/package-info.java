/**
 * Disk identity from sysfs (serial, WWN, size, model, driver) and by-id links: one reader that the agent
 * and the installer both trust.
 */
package dev.reinstaller.hostinfo.disk;

/**
 * Reading a Linux host, shared by the agent and the installer: root paths that tests can move, and
 * the DMI identity of the machine.
 */
package dev.reinstaller.hostinfo;

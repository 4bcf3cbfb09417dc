/**
 * The frame of the agent's and the operator's picocli programs: one {@link dev.reinstaller.cli.Program}
 * gives both the same help, version, exit-code table and error reports.
 */
package dev.reinstaller.cli;

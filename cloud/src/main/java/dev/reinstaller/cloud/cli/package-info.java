/**
 * The {@code reinstaller} command line (picocli): thin commands, their options and the result file.
 */
package dev.reinstaller.cloud.cli;

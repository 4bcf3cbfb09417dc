/**
 * The one interface for running programs ({@code Processes}), its real implementation with deadlines,
 * and (in the test jar) its one fake.
 */
package dev.reinstaller.hostinfo.process;

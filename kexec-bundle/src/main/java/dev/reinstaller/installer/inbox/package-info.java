/**
 * What the operator sends after boot (a disk key, a confirmation token), whether through the status
 * API or the console: one bounded {@link dev.reinstaller.installer.inbox.Inbox} that the confirm phase waits on.
 */
package dev.reinstaller.installer.inbox;

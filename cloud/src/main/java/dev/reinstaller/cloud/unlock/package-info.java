/**
 * Sending the pool passphrase to the installed system's initrd on port 2222, on stdin of its forced command.
 */
package dev.reinstaller.cloud.unlock;

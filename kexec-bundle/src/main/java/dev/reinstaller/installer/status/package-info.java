/**
 * The status API over Netty on 127.0.0.1: status, events and log for the operator, and the door
 * through which a disk key and a confirmation token arrive.
 */
package dev.reinstaller.installer.status;

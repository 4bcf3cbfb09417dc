/**
 * The Apache MINA SSHD adapter behind {@link dev.reinstaller.cloud.ssh}: the only place MINA types appear.
 */
package dev.reinstaller.cloud.ssh.mina;

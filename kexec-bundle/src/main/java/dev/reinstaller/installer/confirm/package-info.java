/**
 * The {@code confirm} phase, the guard before the point of no return: this machine and disk against
 * runtime info, the disk key's shape, the confirmation token, and the console that asks for both.
 */
package dev.reinstaller.installer.confirm;

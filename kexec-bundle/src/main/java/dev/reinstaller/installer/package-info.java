/**
 * The reinstaller's installer service, which runs in the kexec'd ramdisk ({@code reinstaller-installer
 * run}).
 *
 * <p>Phases, in order: {@code params → network → ready → confirm → partition → zfs → keys → flake →
 * install → finalize → reboot}. {@code confirm} is the point of no return; the {@link
 * dev.reinstaller.installer.run.PhaseRunner} enforces it and opens the one way to the disk ({@link
 * dev.reinstaller.installer.system.GatedDiskWriter}) only after it passed.
 *
 * <p>What this build does for real:
 *
 * <ul>
 *   <li>{@code params}: decodes {@code /proc/cmdline}, moves the appended cpio's files into the
 *       root-only secrets directory, loads runtime info (inline, cpio with CRC, the original system's
 *       {@code runtime_info=} completed from this machine, or minimal discovery from the metadata
 *       service and sysfs, with temporary link-local addresses for a link-local service) into the one
 *       {@link dev.reinstaller.installer.run.LoadedInfo} every later phase reads, takes the cpio's
 *       disk key into memory;
 *   <li>{@code confirm}: machine (DMI) and disk (sysfs serial, WWN, size) identity against runtime info,
 *       the key's shape, the confirmation token, the deadline;
 *   <li>{@code partition} and {@code zfs}: the exact command sequences (wipe, GPT, vfat, encrypted
 *       {@code rpool}, datasets, mounts under {@code /mnt}). They have not run against real ZFS on the
 *       build machine (it has no ZFS module); the QEMU testbed runs them;
 *   <li>{@code network}: every NIC of runtime info configured by MAC with {@code ip} (addresses, on-link
 *       and link-scope gateways, IPv6 via fe80::1), {@code /etc/resolv.conf}, each default gateway
 *       proven by a neighbour entry, names resolving and, for a build from the flake, the binary cache
 *       answering;
 *   <li>{@code ready}: announces the status API's address;
 *   <li>{@code keys}: ed25519 host keys for the installed host and its initrd unlock server in
 *       {@code /persist}, fingerprints reported as an event;
 *   <li>{@code flake}: {@code /mnt/persist/etc/nixos/{flake.nix,flake.lock,runtime-info.json}}, inputs pinned from
 *       the ramdisk's {@code /etc/reinstaller/inputs.json}, an optional operator flake;
 *   <li>{@code install}: {@code nixos-install} from the flake or a copied closure, output streamed as
 *       log events, {@code TMPDIR} on the new pool;
 *   <li>{@code finalize}: install manifest in {@code /persist/reinstaller}, {@code umount -R /mnt},
 *       {@code zpool export rpool}; {@code reboot}: announced, then a reboot into the new system;
 *   <li>the status API (Netty, 127.0.0.1 only, default port 7700): {@code GET /status},
 *       {@code GET /events} (server-sent events, resumable), {@code GET /log}, {@code POST /disk-key},
 *       {@code POST /confirm}, feeding the confirm phase's waits, with the same questions asked on
 *       {@code /dev/console} ({@link dev.reinstaller.installer.confirm.ConsolePrompt});
 *   <li>events as {@code REINSTALLER {json}} console lines and a numbered in-memory log; the watchdog
 *       path (grace period, then {@code systemctl reboot --force --force} or sysrq) and its stand-down
 *       through {@code systemd-notify --ready}.
 * </ul>
 *
 * <p>Left to the NixOS side:
 *
 * <ul>
 *   <li>the root-only tmpfs for {@code /run/reinstaller-secrets} and the unit's own deadline
 *       ({@code Type=notify}, start timeout, {@code FailureAction=reboot}) belong to the NixOS side; this
 *       code creates a 0700 directory where none is mounted.
 * </ul>
 */
package dev.reinstaller.installer;

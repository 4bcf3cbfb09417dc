#!/bin/sh
# The ramdisk's systemctl, as far as the installer uses it: `systemctl reboot|poweroff [--force --force]`.
case "$1" in
  reboot | poweroff)
    # The installer captures this program's output; these lines are for the host, on the console.
    {
      [ -r /run/testbed-memory ] && echo "TESTBED ramdisk memory: $(cat /run/testbed-memory)"
      echo "TESTBED ramdisk systemctl $*"
    } >/dev/console
    exec "$1" -f
    ;;
esac
echo "systemctl: only reboot and poweroff are available in the testbed ramdisk" >&2
exit 1

package dev.reinstaller.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DMI identity of the machine. On Hetzner Cloud the system serial is the instance id. Either the
 * serial or the UUID must be present: the confirmation token binds to it.
 *
 * @param serial DMI system serial number ({@code /sys/class/dmi/id/product_serial})
 * @param uuid DMI system UUID, lowercase ({@code /sys/class/dmi/id/product_uuid})
 * @param manufacturer DMI system manufacturer ({@code sys_vendor}), e.g. {@code Hetzner}
 * @param product DMI product name, e.g. {@code vServer}
 */
public record Machine(String serial, String uuid, String manufacturer, String product) {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Machine {
        serial = Check.optionalToken("machine.serial", serial, 128);
        if (uuid != null) {
            uuid = uuid.toLowerCase(Locale.ROOT);
            if (!UUID.matcher(uuid).matches()) {
                throw new InvalidFieldException("machine.uuid", "'" + uuid + "' is not a UUID");
            }
        }
        if (serial == null && uuid == null) {
            throw new InvalidFieldException("machine", "needs a DMI serial or a UUID to identify the machine");
        }
        manufacturer = Check.optionalText("machine.manufacturer", manufacturer, 128);
        product = Check.optionalText("machine.product", product, 128);
    }

    /** What the confirmation token binds: the serial, or the UUID where there is no serial. */
    public String identity() {
        return serial != null ? serial : uuid;
    }

    public boolean isHetzner() {
        return manufacturer != null && manufacturer.strip().equalsIgnoreCase("Hetzner");
    }
}

package dev.reinstaller.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DMI identity of the machine. On Hetzner Cloud the system serial is the instance id. The
 * confirmation token binds the serial, else the UUID. A machine without DMI (some microVMs and
 * boards) has neither: then only the disk identity binds the token, and plans say so.
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
                throw new InvalidFieldException("machine.uuid", "'" + Quoted.of(uuid) + "' is not a UUID");
            }
        }
        manufacturer = Check.optionalText("machine.manufacturer", manufacturer, 128);
        product = Check.optionalText("machine.product", product, 128);
    }

    /** Stands in for the identity of a machine without DMI. */
    public static final String NO_IDENTITY = "no-dmi";

    /** What the confirmation token binds: the serial, else the UUID, else {@link #NO_IDENTITY}. */
    public String identity() {
        return serial != null ? serial : uuid != null ? uuid : NO_IDENTITY;
    }

    public boolean hasIdentity() {
        return serial != null || uuid != null;
    }

    public boolean isHetzner() {
        return manufacturer != null && manufacturer.strip().equalsIgnoreCase("Hetzner");
    }
}

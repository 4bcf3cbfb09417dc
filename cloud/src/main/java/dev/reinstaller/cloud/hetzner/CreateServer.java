package dev.reinstaller.cloud.hetzner;

import java.util.List;
import java.util.Map;

/**
 * What {@link HetznerApi#create} needs.
 *
 * @param name server name
 * @param serverType e.g. {@code cx22}
 * @param image e.g. {@code debian-12}
 * @param location e.g. {@code fsn1}
 * @param sshKeys names or ids of project SSH keys
 * @param labels labels to set (the test label of {@code recreate-test-vm})
 */
public record CreateServer(
        String name,
        String serverType,
        String image,
        String location,
        List<String> sshKeys,
        Map<String, String> labels) {
    public CreateServer {
        if (name == null || serverType == null || image == null || location == null) {
            throw new IllegalArgumentException("create needs a name, a server type, an image and a location");
        }
        sshKeys = List.copyOf(sshKeys);
        labels = Map.copyOf(labels);
    }
}

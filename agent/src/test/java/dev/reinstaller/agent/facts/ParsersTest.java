package dev.reinstaller.agent.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small hand-written parsers: authorized_keys, mountinfo, routes, zpool status (the YAML subset: hostinfo). */
class ParsersTest {
    private static final String ALICE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEs+sWd20Grg2MsOA2O1Hu+O8wo20HU+Sqd+DcXIbXSp alice@laptop";

    @Test
    void authorizedKeysDropOptionsCommentsDuplicatesAndGarbage() {
        Findings findings = new Findings();
        List<String> keys = AuthorizedKeys.parse(
                "f",
                List.of(
                        "# comment",
                        "",
                        "from=\"10.0.0.0/8,192.168.0.1\",command=\"echo 'a b'\" " + ALICE,
                        ALICE.replace("alice@laptop", "second copy"),
                        "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ== type mismatch",
                        "ssh-rsa",
                        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHQiPojqSxe+/BUt/Ytn8a9gUcCKvKpNXGxsXZ2/F8Ft/21fT2g+6SobiAX87uWf6fHdm79h63I7FnFryFNVme0="),
                findings);

        assertThat(keys).hasSize(2);
        assertThat(keys.getFirst()).isEqualTo(ALICE);
        assertThat(keys.get(1)).startsWith("ecdsa-sha2-nistp256 AAAAE2").doesNotContain("  ");
        assertThat(findings.all())
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("line 3: options"))
                .anySatisfy(m -> assertThat(m).contains("line 5 is not a public key"))
                .anySatisfy(m -> assertThat(m).contains("line 6 is not a public key"));
        assertThat(FactsReport.fingerprint(ALICE)).isEqualTo("SHA256:qpiAZNfrkvZm+glpo8ez0QLBRTkuVzBID5KYSlz6Ff0");
    }

    @Test
    void mountinfoFindsTheTopmostRootAndDecodesEscapes() {
        RootMount.Source source = RootMount.find(List.of(
                "1 0 0:2 / / rw - rootfs rootfs rw",
                "28 1 254:3 / / rw,relatime shared:1 - btrfs /dev/mapper/my\\040root rw,subvol=/@"));

        assertThat(source).isEqualTo(new RootMount.Source.Block("254:3", "/dev/mapper/my root"));
        assertThat(RootMount.find(List.of("1 0 0:2 / / rw - rootfs rootfs rw")))
                .isInstanceOf(RootMount.Source.InRam.class);
        assertThat(RootMount.find(List.of("5 1 0:40 / / rw - nfs 10.0.0.1:/export rw")))
                .isInstanceOf(RootMount.Source.Unmapped.class);
    }

    @Test
    void routesKeepOnLinkFormsAndDropMirrors() {
        JsonNode routes = Commands.parse("""
                [{"dst":"default","gateway":"172.31.1.1","dev":"eth0","flags":["onlink"]},
                 {"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.2"},
                 {"dst":"198.51.100.0/24","dev":"eth0","protocol":"static","scope":"link"},
                 {"dst":"192.0.2.0/24","dev":"eth0","protocol":"boot","scope":"link"},
                 {"type":"blackhole","dst":"10.66.0.0/16","flags":[]},
                 {"dst":"default","gateway":"172.31.1.1","dev":"eth1","flags":[]}]
                """, "test");
        JsonNode addrInfo = Commands.parse(
                "[{\"family\":\"inet\",\"local\":\"203.0.113.10\",\"address\":\"172.31.1.1\",\"prefixlen\":32,"
                        + "\"scope\":\"global\"}]",
                "test");
        Findings findings = new Findings();
        List<JsonNode> list = new java.util.ArrayList<>();
        routes.forEach(list::add);

        List<Route> result =
                Routes.forDevice("eth0", list, List.of(new Address("192.0.2.2/24", false)), addrInfo, findings);

        assertThat(result)
                .containsExactly(
                        Route.onLink("172.31.1.1/32"),
                        Route.viaGateway("default", "172.31.1.1", true),
                        Route.onLink("198.51.100.0/24"));
    }

    @Test
    void zpoolStatusListsDevicePathsOfTheConfigSection() {
        assertThat(ZpoolStatus.vdevs("""
                  pool: tank
                 state: ONLINE
                config:

                	NAME           STATE     READ WRITE CKSUM
                	tank           ONLINE       0     0     0
                	  mirror-0     ONLINE       0     0     0
                	    /dev/sda3  ONLINE       0     0     0
                	    /dev/disk/by-id/nvme-Samsung_SSD-part3  ONLINE       0     0     0

                errors: No known data errors
                """)).containsExactly("/dev/sda3", "/dev/disk/by-id/nvme-Samsung_SSD-part3");
    }
}

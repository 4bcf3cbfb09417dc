package dev.reinstaller.cloud.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HetznerConfigTest {

    @Test
    void readsTokenAndDefaultEndpoint() {
        HetznerConfig config =
                HetznerConfig.fromEnvironment(Map.of("HCLOUD_TOKEN", " abc \n")).orElseThrow();

        assertThat(config.token()).isEqualTo("abc");
        assertThat(config.endpoint()).isEqualTo(URI.create("https://api.hetzner.cloud/v1"));
        assertThat(config.toString()).doesNotContain("abc");
    }

    @Test
    void takesTheEndpointFromTheEnvironment() {
        HetznerConfig config = HetznerConfig.fromEnvironment(
                        Map.of("HCLOUD_TOKEN", "abc", "HCLOUD_ENDPOINT", "http://127.0.0.1:9999/v1"))
                .orElseThrow();

        assertThat(config.endpoint().getPort()).isEqualTo(9999);
    }

    @Test
    void noTokenNoConfig() {
        assertThat(HetznerConfig.fromEnvironment(Map.of("HCLOUD_ENDPOINT", "http://x")))
                .isEmpty();
    }

    @Test
    void refusesAnEndpointThatIsNoHttpUrl() {
        assertThatThrownBy(() ->
                        HetznerConfig.fromEnvironment(Map.of("HCLOUD_TOKEN", "a", "HCLOUD_ENDPOINT", "ftp://x/v1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HCLOUD_ENDPOINT");
    }
}

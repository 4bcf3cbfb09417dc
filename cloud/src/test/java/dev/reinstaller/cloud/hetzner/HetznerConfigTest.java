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

    @Test
    void aBadEndpointNamesTheVariableAndTheValueBoundedAndEscaped() {
        String endpoint = "\u001b]0;x\u0007//" + "h".repeat(300);

        assertThatThrownBy(
                        () -> HetznerConfig.fromEnvironment(Map.of("HCLOUD_TOKEN", "a", "HCLOUD_ENDPOINT", endpoint)))
                .isInstanceOfSatisfying(
                        HetznerConfig.InvalidSetting.class,
                        e -> assertThat(e.variable()).isEqualTo("HCLOUD_ENDPOINT"))
                .hasMessageStartingWith("HCLOUD_ENDPOINT ")
                .hasMessageContaining("\"\\u001b]0;x\\u0007//hhh")
                .hasMessageContaining("more characters)")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(200));
    }

    @Test
    void anEndpointNeedsAHostAndAPortThatExists() {
        assertThatThrownBy(() -> new HetznerConfig("a", URI.create("http:///v1")))
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> new HetznerConfig("a", URI.create("https://h:70000/v1")))
                .hasMessageContaining("port 70000");
        assertThatThrownBy(() -> new HetznerConfig("a", URI.create("https://u:pw@h/v1")))
                .hasMessageContaining("user name or password");
        assertThat(new HetznerConfig("a", URI.create("HTTPS://h:8443/v1"))
                        .endpoint()
                        .getPort())
                .isEqualTo(8443);
    }

    @Test
    void aTokenWithSpacesOrControlsIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> HetznerConfig.fromEnvironment(Map.of("HCLOUD_TOKEN", "abc def")))
                .isInstanceOfSatisfying(
                        HetznerConfig.InvalidSetting.class,
                        e -> assertThat(e.variable()).isEqualTo("HCLOUD_TOKEN"))
                .hasMessageNotContaining("abc");
    }
}

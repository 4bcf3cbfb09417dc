package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataSourceTest {
    @Test
    void metadataSourceWithAndWithoutUrl() {
        BootParameters plain = BootDecoder.decode("quiet reinstaller.v=1 reinstaller.source=metadata")
                .orThrow();
        assertThat(plain.source()).isEqualTo(new InfoSource.Metadata(null));
        BootParameters withUrl = BootDecoder.decode(
                        "reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=http://127.0.0.1:8080/m")
                .orThrow();
        assertThat(((InfoSource.Metadata) withUrl.source()).url()).hasToString("http://127.0.0.1:8080/m");
    }

    @Test
    void metadataUrlWithoutMetadataSourceIsRefused() {
        Result<BootParameters> result =
                BootDecoder.decode("reinstaller.v=1 reinstaller.info=cpio reinstaller.crc=00000000"
                        + " reinstaller.metadata=http://127.0.0.1/m");
        assertThat(result)
                .isInstanceOfSatisfying(
                        Result.Error.class,
                        e -> assertThat(e.error())
                                .isInstanceOf(DecodeError.BadValue.class)
                                .extracting(DecodeError::message)
                                .asString()
                                .contains("reinstaller.metadata")
                                .contains("reinstaller.source=metadata"));
    }
}

package io.pgcarry.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast reading of common timestamps gives exactly what the full ISO-8601 parser gives, or leaves the text to it. */
class IsoInstantsTest {
    @Test
    void commonShapesReadAsTheIsoParserReadsThem() {
        for (String text : List.of("2024-01-16T08:00:00Z", "2024-02-29T23:59:59.5Z", "1999-12-31T00:00:00.123456789Z",
                "2024-01-15T10:30:00.123+02:00", "2024-01-15T10:30:00-05:30", "0001-01-01T00:00:00Z", "2024-06-01T12:00:00.000001+14:00")) {
            assertThat(IsoInstants.common(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void anythingElseIsLeftToTheFullParser() {
        for (String text : List.of("2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z", "2024-01-01T00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00z", "2024-01-01T00:00:00.Z",
                "2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00+1:00", "2024-01-01T00:00:00+02:00:00", "2024-01-01T00:00:00+19:00",
                "2024-01-01T00:00:00", "+2024-01-01T00:00:00Z", "2024-0a-01T00:00:00Z", "2024-01-01T00:00:00Z ")) {
            assertThat(IsoInstants.common(text)).as(text).isNull();
        }
    }
}

package io.pgcarry.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildShapesTest {
    @Test
    void aKeyAttachClauseIsExactlyWhatKeyStepsWrites() {
        assertThat(BuildShapes.keyAttach("PRIMARY KEY USING INDEX \"Animal_pkey\"", "Animal_pkey")).isNull();
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u DEFERRABLE", "u")).isNull();
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u DEFERRABLE INITIALLY DEFERRED", "u")).isNull();

        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX v", "u")).contains("USING INDEX u");
        assertThat(BuildShapes.keyAttach("CHECK (true)", "u")).contains("is not PRIMARY KEY or UNIQUE");
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u NOT VALID", "u")).contains("ends with something else");
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u; DROP TABLE x", "u")).isEqualTo("a second statement");
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u, OWNER TO mallory", "u")).isEqualTo("a second clause");
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u -- ", "u")).isEqualTo("a comment");
        assertThat(BuildShapes.keyAttach("UNIQUE USING INDEX u \"DEFERRABLE\"", "u")).contains("ends with something else");
    }
}

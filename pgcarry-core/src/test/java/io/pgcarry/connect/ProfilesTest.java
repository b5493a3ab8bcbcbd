package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRunbookProfileWithEnvFilesRelativeToTheConfig() throws Exception {
        Path config = write("pgcarry.yaml", """
                profiles:
                  dev:
                    from: {env_file: .env.v1.dev.snapshot, var: V1_DEV_SNAPSHOT_DIRECT_URL}
                    to: {env_file: .env.v2.dev, var: DATABASE_DIRECT_URL}
                  prod:
                    from: {url: "postgresql://ro@prod-v1/app"}
                    to: {env: V2_PROD_URL}
                """);
        write(".env.v1.dev.snapshot", "V1_DEV_SNAPSHOT_DIRECT_URL=postgresql://snap@v1host/v1\n");
        write(".env.v2.dev", "DATABASE_DIRECT_URL=postgresql://app@v2host/v2\n");
        Profiles profiles = Profiles.load(config);

        Profile dev = profiles.get("dev");
        assertThat(dev.from()).isEqualTo(new EndpointSource.EnvFile(dir.resolve(".env.v1.dev.snapshot"), "V1_DEV_SNAPSHOT_DIRECT_URL"));
        ConnectionResolver resolver = new ConnectionResolver(Map.of("V2_PROD_URL", "postgresql://w@prod-v2/app"), dir);
        assertThat(resolver.resolve(dev.side("from")).address()).isEqualTo("v1host:5432/v1");
        assertThat(resolver.resolve(dev.side("to")).address()).isEqualTo("v2host:5432/v2");
        assertThat(resolver.resolve(profiles.get("prod").side("to")).address()).isEqualTo("prod-v2:5432/app");
        assertThat(profiles.get("prod").from()).isEqualTo(new EndpointSource.Url("postgresql://ro@prod-v1/app"));
    }

    @Test
    void unknownProfileListsTheDefinedOnes() throws Exception {
        Path config = write("pgcarry.yaml", "profiles:\n  dev: {from: {url: 'postgresql://a@b/c'}}\n  prod: {to: {env: X}}\n");
        assertThatThrownBy(() -> Profiles.load(config).get("staging"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("profile 'staging' is not defined in " + config + "; defined: dev, prod");
    }

    @Test
    void missingSideIsNamed() throws Exception {
        Path config = write("pgcarry.yaml", "profiles:\n  dev: {from: {url: 'postgresql://a@b/c'}}\n");
        assertThatThrownBy(() -> Profiles.load(config).get("dev").side("to"))
                .hasMessageStartingWith("profile 'dev' defines no 'to' side");
    }

    @Test
    void missingConfigFileIsAnError() {
        Path config = dir.resolve("pgcarry.yaml");
        assertThatThrownBy(() -> Profiles.load(config))
                .hasMessage("configuration file " + config + " not found; create it with a profiles: section or pass " + Setting.CONFIG.mention() + " FILE");
    }

    @Test
    void brokenYamlAndBadKeysAreNamed() throws Exception {
        Path broken = write("broken.yaml", "profiles:\n  dev: [unclosed\n");
        assertThatThrownBy(() -> Profiles.load(broken)).hasMessageStartingWith("configuration file " + broken + " is not valid YAML at line");
        Path badKey = write("bad.yaml", "profiles:\n  dev:\n    to: {envfile: x}\n");
        assertThatThrownBy(() -> Profiles.load(badKey))
                .hasMessage("profile 'dev' side 'to' in " + badKey + " has unknown key 'envfile'; use url, env, or env_file with var");
        Path noVar = write("novar.yaml", "profiles:\n  dev:\n    to: {env_file: .env}\n");
        assertThatThrownBy(() -> Profiles.load(noVar)).hasMessageEndingWith("has env_file but no var; name the variable that holds the URL");
        Path noSection = write("nosection.yaml", "other: 1\n");
        assertThatThrownBy(() -> Profiles.load(noSection)).hasMessage("configuration file " + noSection + " has no profiles: section");
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}

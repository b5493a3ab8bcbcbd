package io.pgcarry.connect;

import java.nio.file.Path;
import java.util.Objects;

/** Where the URL of one side comes from, as the user gave it; {@link #describe()} is safe to print. */
public sealed interface EndpointSource {

    /** A short, password-free description for messages, such as {@code env file .env.v2.dev (DATABASE_URL)}. */
    String describe();

    /** A URL or keyword/value connection string written on the command line or in {@code pgcarry.yaml}. */
    record Url(String url) implements EndpointSource {
        public Url {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            // A quoted keyword/value password may hold spaces: each form is redacted by its own parser.
            if (!url.contains("://")) {
                return ConnInfo.redacted(url);
            }
            try {
                return PgUrl.parse(url).redacted();
            } catch (RuntimeException malformed) {
                return "a malformed connection URL";
            }
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** An environment variable holding the URL. */
    record EnvVariable(String name) implements EndpointSource {
        public EnvVariable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "environment variable " + name;
        }
    }

    /** A variable of a dotenv file holding the URL. */
    record EnvFile(Path file, String variable) implements EndpointSource {
        public EnvFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String describe() {
            return variable + " in env file " + file;
        }
    }
}

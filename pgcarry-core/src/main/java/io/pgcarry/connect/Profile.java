package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.util.Objects;

/**
 * A named pair of endpoints from {@code pgcarry.yaml}, such as {@code dev} or {@code prod}.
 *
 * @param name the profile's name
 * @param from the source side, or null when the profile does not define one
 * @param to   the target side, or null when the profile does not define one
 */
public record Profile(String name, EndpointSource from, EndpointSource to) {
    public Profile {
        Objects.requireNonNull(name, "name");
    }

    /** The given side, or an error naming the profile and the missing side. */
    public EndpointSource side(String side) {
        EndpointSource source = side.equals("from") ? from : to;
        if (source == null) {
            throw new ConfigurationException("profile '" + name + "' defines no '" + side + "' side; add "
                    + side + ": {url: ...} or {env_file: ..., var: ...} to it, or give --" + side);
        }
        return source;
    }
}

package io.pgcarry.rehearse;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the scratch database came to be. */
public enum ScratchMethod {
    /** The user gave it ({@code --scratch}); pgcarry leaves it in place. */
    PROVIDED("provided", "the database given with --scratch"),
    /** {@code CREATE DATABASE ... TEMPLATE} of the live database: a file copy. */
    TEMPLATE("template", "CREATE DATABASE ... TEMPLATE"),
    /** {@code pgcarry clone} of the live database into an empty one. */
    CLONE("clone", "pgcarry clone");

    private final String json;
    private final String label;

    ScratchMethod(String json, String label) {
        this.json = json;
        this.label = label;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public String label() {
        return label;
    }
}

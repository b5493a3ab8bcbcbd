package io.pgcarry.cli;

import io.pgcarry.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code pgcarry --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"pgcarry " + Version.current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}

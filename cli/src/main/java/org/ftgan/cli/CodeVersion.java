package org.ftgan.cli;

import picocli.CommandLine;

/** The version printed by {@code ftgan --version}: the jar's implementation version, or "dev". */
public final class CodeVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = FtganCommand.class.getPackage().getImplementationVersion();
        return new String[] {"ftgan " + (v == null ? "dev" : v)};
    }
}

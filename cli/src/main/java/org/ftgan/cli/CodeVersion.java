package org.ftgan.cli;

import picocli.CommandLine;

/** The version printed by {@code ftgan --version}: the commit the jar was built from (see the worker's CodeVersion). */
public final class CodeVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = FtganCommand.class.getPackage().getImplementationVersion();
        return new String[] {"ftgan " + (v == null ? "dev" : v) + " (" + org.ftgan.workflows.CodeVersion.current() + ")"};
    }
}

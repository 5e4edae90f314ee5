package org.ftgan.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The commit this worker was built from ({@code git.properties}, written at build time), stored on
 * every run so that a figure can be traced to the code that made it. "-dirty" marks uncommitted
 * changes; "unknown" a build outside a git checkout.
 */
public final class CodeVersion {
    private static final String VERSION = read();

    private CodeVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.abbrev", "");
            if (id.isBlank()) {
                return "unknown";
            }
            return id + ("true".equals(p.getProperty("git.dirty")) ? "-dirty" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

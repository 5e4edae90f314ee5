package org.ftgan.worker.temporal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the Temporal CLI binary ({@code temporal}, which runs {@code temporal server start-dev}) and
 * installs it into the project when asked.
 *
 * <p>Search order: the environment variable {@value #ENV_CLI}, then {@code temporal} on {@code PATH},
 * then the project-local copy {@code <project>/.tools/temporal/temporal} that {@code tools/install-temporal}
 * writes.
 */
public final class TemporalCli {

    /** Environment variable naming the Temporal CLI binary to use; overrides every other place. */
    public static final String ENV_CLI = "FTGAN_TEMPORAL_CLI";
    /** Installer script, relative to the project root. */
    public static final Path INSTALL_SCRIPT = Path.of("tools", "install-temporal");
    /** Where the installer puts the binary, relative to the project root. */
    public static final Path PROJECT_BINARY = Path.of(".tools", "temporal", "temporal");

    private TemporalCli() {
    }

    /**
     * The project root containing {@code start} or one of its ancestors: the nearest directory that has
     * {@link #INSTALL_SCRIPT}.
     */
    public static Optional<Path> findProjectRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(INSTALL_SCRIPT))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Finds the binary using this process's environment; see the class comment for the order. */
    public static Optional<Path> find(Path projectRoot) {
        return find(System.getenv(), projectRoot);
    }

    /**
     * Finds the binary using the given environment (its {@value #ENV_CLI} and {@code PATH}).
     *
     * @throws IllegalStateException when {@value #ENV_CLI} is set but does not name an executable file:
     *     an explicit choice that is wrong should not silently fall back to another binary
     */
    public static Optional<Path> find(Map<String, String> environment, Path projectRoot) {
        String explicit = environment.get(ENV_CLI);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!isExecutableFile(path)) {
                throw new IllegalStateException(ENV_CLI + "=" + explicit
                        + " does not name an executable file; point it at the Temporal CLI binary or unset it");
            }
            return Optional.of(path);
        }
        String pathVariable = environment.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(Pattern.quote(java.io.File.pathSeparator))) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "temporal");
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path local = projectRoot.resolve(PROJECT_BINARY);
        return isExecutableFile(local) ? Optional.of(local) : Optional.empty();
    }

    /**
     * Finds the binary or fails with a message that says where it was looked for and how to install it.
     */
    public static Path require(Map<String, String> environment, Path projectRoot) {
        return find(environment, projectRoot).orElseThrow(() -> new IllegalStateException(
                "Temporal CLI not found: " + ENV_CLI + " is not set, no 'temporal' on PATH and no "
                        + projectRoot.resolve(PROJECT_BINARY) + "; install it with "
                        + projectRoot.resolve(INSTALL_SCRIPT) + " or set " + ENV_CLI));
    }

    /** Finds the binary in this process's environment, running the installer script when it is nowhere. */
    public static Path findOrInstall(Path projectRoot) throws IOException, InterruptedException {
        Optional<Path> found = find(projectRoot);
        return found.isPresent() ? found.get() : install(projectRoot);
    }

    /**
     * Runs {@code <projectRoot>/tools/install-temporal} (idempotent) and returns the binary it reports.
     *
     * @throws IOException when the script is missing or fails; the message carries the script's output
     */
    public static Path install(Path projectRoot) throws IOException, InterruptedException {
        Path script = projectRoot.resolve(INSTALL_SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IOException("Temporal CLI installer not found at " + script);
        }
        Process process = new ProcessBuilder("bash", script.toString())
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(script + " failed with exit code " + exit + ":\n" + output.strip());
        }
        List<String> lines = output.strip().lines().toList();
        Path binary = Path.of(lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip());
        if (!isExecutableFile(binary)) {
            throw new IOException(script + " did not end with the path of an executable binary; its output:\n"
                    + output.strip());
        }
        return binary;
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}

package org.ftgan.worker.temporal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemporalCliTest {

    @Test
    void explicitVariableWinsOverPathAndProjectCopy(@TempDir Path dir) throws IOException {
        Path explicit = executable(dir.resolve("explicit/temporal"));
        Path onPath = executable(dir.resolve("bin/temporal"));
        executable(dir.resolve(TemporalCli.PROJECT_BINARY));

        Map<String, String> env = Map.of(TemporalCli.ENV_CLI, explicit.toString(), "PATH", onPath.getParent().toString());

        assertEquals(Optional.of(explicit), TemporalCli.find(env, dir));
    }

    @Test
    void pathWinsOverProjectCopy(@TempDir Path dir) throws IOException {
        Path onPath = executable(dir.resolve("bin/temporal"));
        executable(dir.resolve(TemporalCli.PROJECT_BINARY));
        String path = dir.resolve("empty") + java.io.File.pathSeparator + onPath.getParent();

        assertEquals(Optional.of(onPath), TemporalCli.find(Map.of("PATH", path), dir));
    }

    @Test
    void projectCopyIsTheLastResort(@TempDir Path dir) throws IOException {
        Path local = executable(dir.resolve(TemporalCli.PROJECT_BINARY));

        assertEquals(Optional.of(local), TemporalCli.find(Map.of("PATH", dir.resolve("bin").toString()), dir));
    }

    @Test
    void nonExecutableFilesAreNotTaken(@TempDir Path dir) throws IOException {
        Path local = dir.resolve(TemporalCli.PROJECT_BINARY);
        Files.createDirectories(local.getParent());
        Files.writeString(local, "not executable");

        assertEquals(Optional.empty(), TemporalCli.find(Map.of(), dir));
    }

    @Test
    void wrongExplicitVariableIsAnErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere/temporal");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TemporalCli.find(Map.of(TemporalCli.ENV_CLI, missing.toString()), dir));

        assertTrue(e.getMessage().contains(TemporalCli.ENV_CLI + "=" + missing), e.getMessage());
    }

    @Test
    void missingBinarySaysWhereItLookedAndHowToInstall(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TemporalCli.require(Map.of("PATH", dir.toString()), dir));

        assertTrue(e.getMessage().contains(dir.resolve(TemporalCli.PROJECT_BINARY).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve(TemporalCli.INSTALL_SCRIPT).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(TemporalCli.ENV_CLI), e.getMessage());
    }

    @Test
    void installWithoutScriptIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> TemporalCli.install(dir));

        assertTrue(e.getMessage().contains(dir.resolve(TemporalCli.INSTALL_SCRIPT).toString()), e.getMessage());
    }

    @Test
    void projectRootIsFoundFromASubdirectory() {
        Path root = TemporalCli.findProjectRoot(Path.of("")).orElseThrow();

        assertTrue(Files.isRegularFile(root.resolve(TemporalCli.INSTALL_SCRIPT)));
        assertTrue(Files.isRegularFile(root.resolve("worker/pom.xml")), "root " + root);
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}

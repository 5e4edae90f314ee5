package org.ftgan.artifacts;

/** A path given to the artifact store would lead outside its root, or is not a usable relative path. */
public class ArtifactPathException extends IllegalArgumentException {
    public ArtifactPathException(String message) {
        super(message);
    }
}

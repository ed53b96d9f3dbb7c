package jaio.kernel.maven;

import java.nio.file.Path;

/** One jar a {@code %maven} resolution gave: its coordinates ({@code group:artifact:version}, with classifier and type when not plain), file and size. */
public record ResolvedArtifact(String coordinates, Path file, long size) {}

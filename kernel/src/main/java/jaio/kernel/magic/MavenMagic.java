package jaio.kernel.magic;

import jaio.Async;
import jaio.kernel.maven.MavenException;
import jaio.kernel.maven.ResolvedArtifact;

import java.util.List;
import java.util.Locale;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION ...}: resolves the artifacts and their runtime dependencies
 * from Maven repositories (as the user's Maven settings say) and puts the jars on the class path of
 * this and later cells. The resolution runs on a worker thread and the cell's task awaits it, so
 * the loop and other tasks keep running. Prints each jar it added; nothing when all were there.
 */
final class MavenMagic implements LineMagic {
    private final UserClassPath classPath;

    MavenMagic(UserClassPath classPath) {
        this.classPath = classPath;
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String usage() {
        return "%maven GROUP:ARTIFACT:VERSION ... (or GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION)";
    }

    @Override
    public String summary() {
        return "add Maven artifacts and their dependencies to the class path (honours ~/.m2/settings.xml)";
    }

    @Override
    public void run(MagicCall call) {
        List<String> coordinates = call.argv();
        if (coordinates.isEmpty()) {
            throw new UsageException("name at least one artifact");
        }
        List<ResolvedArtifact> jars;
        try {
            jars = Async.await(Async.toThread(() -> classPath.resolver().resolve(coordinates)));
        } catch (MavenException e) {
            throw new CellFailure("MavenError", e.getMessage(), List.of("MavenError: " + e.getMessage(), "hint: " + e.hint()));
        }
        StringBuilder sb = new StringBuilder();
        for (ResolvedArtifact a : jars) {
            if (classPath.add(a.file(), call)) {
                sb.append("Added ").append(a.coordinates()).append(" (").append(size(a.size())).append(")\n");
            }
        }
        call.print(sb.toString());
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3) : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

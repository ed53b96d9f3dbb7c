package jaio.kernel.magic;

import jaio.kernel.maven.MavenResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code %maven}, {@code %mavenRepo} and {@code %classpath} share in one session: the Maven
 * resolver (built on first use) and the entries they added to the cells' class path, so an entry
 * is added once and a repeated {@code %maven} stays quiet.
 */
final class UserClassPath {
    private final Set<Path> added = new LinkedHashSet<>();
    private MavenResolver resolver;

    synchronized MavenResolver resolver() {
        if (resolver == null) {
            resolver = MavenResolver.forThisUser();
        }
        return resolver;
    }

    /** Adds {@code entry} to the cells' class path unless it is there; true if it was added now. */
    boolean add(Path entry, MagicCall call) {
        Path p = entry.toAbsolutePath().normalize();
        synchronized (this) {
            if (!added.add(p)) {
                return false;
            }
        }
        call.addToClasspath(p.toString());
        return true;
    }

    synchronized List<Path> entries() {
        return new ArrayList<>(added);
    }
}

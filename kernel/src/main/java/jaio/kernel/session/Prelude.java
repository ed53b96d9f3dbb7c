package jaio.kernel.session;

import jaio.Loop;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with: JShell's usual defaults, then every public type of package
 * {@code jaio} by single-type import (so {@code Queue}, {@code Future}, {@code Lock}, {@code Event}
 * mean asyncio's: single-type imports shadow the wildcard ones), then the static facade
 * {@code jaio.Async.*} and the {@link Display} API. The jaio types are found by listing the
 * runtime's package where it is loaded from, so types added to the runtime appear without a change here.
 */
final class Prelude {
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.concurrent.*", "java.io.*", "java.nio.file.*", "java.net.*",
            "java.util.function.*", "java.util.stream.*", "java.math.*");

    private Prelude() {}

    /** The import snippets, one per element. */
    static List<String> imports() {
        List<String> out = new ArrayList<>();
        for (String p : DEFAULT_IMPORTS) {
            out.add("import " + p + ";");
        }
        for (String t : jaioPublicTypes()) {
            out.add("import jaio." + t + ";");
        }
        out.add("import static jaio.Async.*;");
        out.add("import static " + Display.class.getName() + ".*;");
        out.add("import static " + Input.class.getName() + ".*;");
        return out;
    }

    /** Simple names of the public top-level types of package {@code jaio}, sorted. */
    static List<String> jaioPublicTypes() {
        TreeSet<String> names = new TreeSet<>();
        for (String candidate : classFilesOfPackageJaio()) {
            try {
                Class<?> c = Class.forName("jaio." + candidate, false, Loop.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && c.getEnclosingClass() == null) {
                    names.add(candidate);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Listed but not loadable: not part of the API.
            }
        }
        return List.copyOf(names);
    }

    private static List<String> classFilesOfPackageJaio() {
        List<String> out = new ArrayList<>();
        try {
            Path where = Path.of(Loop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> s = Files.list(where.resolve("jaio"))) {
                    s.map(p -> p.getFileName().toString()).forEach(n -> addClassName(out, n));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("jaio/") && n.indexOf('/', 5) < 0)
                            .forEach(n -> addClassName(out, n.substring(5)));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: cannot list the runtime's classes for the prelude: " + e);
        }
        return out;
    }

    private static void addClassName(List<String> out, String fileName) {
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.equals("package-info.class")) {
            out.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }
}

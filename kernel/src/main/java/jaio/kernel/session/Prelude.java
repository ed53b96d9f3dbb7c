package jaio.kernel.session;

import jaio.Loop;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with: JShell's usual defaults, then a wildcard import of each
 * runtime package ({@code jaio}, {@code jaio.http}, …), then the static facades {@code jaio.Async.*}
 * and {@code jaio.generators.Generators.*} and the {@link Display} and {@link Input} API.
 *
 * <p>Plain Java comes first: where a runtime type has the simple name of a type of a default
 * package ({@code Queue}, {@code PriorityQueue}, {@code Future}, {@code Semaphore}), the JDK's type
 * is imported by single-type import (which shadows both wildcards; without it the name would be
 * ambiguous), so {@code Queue<Integer> q = new ArrayDeque<>();} works in a cell as in any Java file.
 * asyncio's type is written qualified, {@code jaio.Queue}, as the seeds write {@code asyncio.Queue()};
 * {@link ShadowedNames} tells a user who mixes the two which one to write.
 *
 * <p>Why not a single-type import for every jaio type: JShell compiles all active imports into
 * every snippet, and some eighty of them made each cell's compile a third slower (measured: a
 * {@code 1+1} cell 24-32 ms against 17-18 ms).
 */
final class Prelude {
    private static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.concurrent.*", "java.io.*", "java.nio.file.*", "java.net.*",
            "java.util.function.*", "java.util.stream.*", "java.math.*");

    /** The runtime's packages: asyncio in {@code jaio}, each library it copies in a package of its own. */
    static final List<String> RUNTIME_PACKAGES = List.of(
            "jaio", "jaio.http", "jaio.generators", "jaio.greenlet", "jaio.multiprocessing");
    /** Static facades imported on demand: the generator examples call {@code generator(...)} and {@code next(...)} bare. */
    private static final List<String> STATIC_FACADES = List.of("jaio.Async", "jaio.generators.Generators");

    private Prelude() {}

    /** The import snippets, one per element. */
    static List<String> imports() {
        List<String> out = new ArrayList<>();
        for (String p : DEFAULT_IMPORTS) {
            out.add("import " + p + ";");
        }
        Map<String, String> shadowed = new TreeMap<>();
        Set<String> jdkFirst = new LinkedHashSet<>();
        for (String pkg : RUNTIME_PACKAGES) {
            out.add("import " + pkg + ".*;");
            for (String t : publicTypes(pkg)) {
                String jdk = defaultImportNamed(t);
                if (jdk != null) {
                    jdkFirst.add("import " + jdk + ";");
                    shadowed.put(pkg + "." + t, jdk);
                }
            }
        }
        out.addAll(jdkFirst);
        ShadowedNames.set(shadowed);
        for (String facade : STATIC_FACADES) {
            out.add("import static " + facade + ".*;");
        }
        out.add("import static " + Display.class.getName() + ".*;");
        out.add("import static " + Input.class.getName() + ".*;");
        out.add("import static " + Progress.class.getName() + ".*;");
        out.add("import static " + TaskViews.class.getName() + ".*;");
        out.add("import static " + CellServices.class.getName() + ".*;");
        return out;
    }

    /** The qualified name of the public type called {@code simpleName} in a default package or java.lang, or null. */
    private static String defaultImportNamed(String simpleName) {
        List<String> packages = new ArrayList<>();
        for (String p : DEFAULT_IMPORTS) {
            packages.add(p.substring(0, p.length() - 2));
        }
        packages.add("java.lang");
        for (String pkg : packages) {
            try {
                Class<?> c = Class.forName(pkg + "." + simpleName, false, ClassLoader.getPlatformClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    return c.getName();
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Not in this package: no clash.
            }
        }
        return null;
    }

    /** Simple names of the public top-level types of runtime package {@code pkg}, sorted. */
    static List<String> publicTypes(String pkg) {
        TreeSet<String> names = new TreeSet<>();
        for (String candidate : classFilesOfPackage(pkg)) {
            try {
                Class<?> c = Class.forName(pkg + "." + candidate, false, Loop.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && c.getEnclosingClass() == null) {
                    names.add(candidate);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Listed but not loadable: not part of the API.
            }
        }
        return List.copyOf(names);
    }

    private static List<String> classFilesOfPackage(String pkg) {
        List<String> out = new ArrayList<>();
        String dir = pkg.replace('.', '/') + "/";
        try {
            Path where = Path.of(Loop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> s = Files.list(where.resolve(dir))) {
                    s.map(p -> p.getFileName().toString()).forEach(n -> addClassName(out, n));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                            .forEach(n -> addClassName(out, n.substring(dir.length())));
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

package jaio.kernel.magic;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath PATH_OR_GLOB ...}: adds jars or class directories to the class path of this and
 * later cells; a glob ({@code lib/*.jar}) is matched in its directory. Without arguments it lists
 * what was added.
 */
final class ClasspathMagic implements LineMagic {
    private final UserClassPath classPath;

    ClasspathMagic(UserClassPath classPath) {
        this.classPath = classPath;
    }

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String usage() {
        return "%classpath [PATH_OR_GLOB ...]";
    }

    @Override
    public String summary() {
        return "add jars or class directories to the class path (list them without arguments)";
    }

    @Override
    public void run(MagicCall call) throws IOException {
        if (call.argv().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            classPath.entries().forEach(p -> sb.append(p).append('\n'));
            call.print(sb.toString());
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String arg : call.argv()) {
            for (Path p : expand(arg)) {
                if (classPath.add(p, call)) {
                    sb.append("Added ").append(p.toAbsolutePath().normalize()).append('\n');
                }
            }
        }
        call.print(sb.toString());
    }

    private static List<Path> expand(String arg) throws IOException {
        if (!arg.contains("*") && !arg.contains("?") && !arg.contains("[")) {
            Path p = Path.of(arg);
            if (!Files.exists(p)) {
                throw new UsageException("no such file or directory: " + p.toAbsolutePath());
            }
            return List.of(p);
        }
        Path glob = Path.of(arg);
        Path dir = glob.getParent() == null ? Path.of(".") : glob.getParent();
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob.getFileName().toString())) {
            s.forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new UsageException("nothing matches " + arg);
        }
        out.sort(null);
        return out;
    }
}

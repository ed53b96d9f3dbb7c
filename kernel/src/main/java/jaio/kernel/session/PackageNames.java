package jaio.kernel.session;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Completes JDK package names ({@code java.ut} to {@code util.}), as JShell's own class index did
 * before {@link UnindexedJdkFileManager} hid the JDK from it: the names are the packages the boot
 * layer's modules export to everyone (what a cell can import), read once, about a thousand strings.
 * Packages of the user's class path are still completed by JShell itself.
 *
 * <p>Immutable after class initialization; thread-safe.
 */
final class PackageNames {
    private static final List<String> EXPORTED = exported();

    /** Package names completing the name before the end of {@code text}, and where they start. */
    record Match(int anchor, List<String> names) {}

    private PackageNames() {}

    /**
     * The packages (or their next segment, with a trailing {@code .} as JShell writes them) that
     * complete the qualified name {@code text} ends with; null when the text does not end with a
     * name that could be a package ({@code foo().ba}, a string, a number).
     */
    static Match at(String text) {
        int start = text.length();
        while (start > 0 && (Character.isJavaIdentifierPart(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        String name = text.substring(start);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.contains("..")) {
            return null;
        }
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        if (before >= 0 && (text.charAt(before) == '.' || text.charAt(before) == ')' || text.charAt(before) == ']')) {
            return null;
        }
        int lastDot = name.lastIndexOf('.');
        String parent = lastDot < 0 ? "" : name.substring(0, lastDot + 1);
        String segment = name.substring(lastDot + 1);
        TreeSet<String> names = new TreeSet<>();
        for (String pkg : EXPORTED) {
            if (pkg.startsWith(parent) && pkg.startsWith(segment, parent.length())) {
                int end = pkg.indexOf('.', parent.length());
                names.add(pkg.substring(parent.length(), end < 0 ? pkg.length() : end) + ".");
            }
        }
        return names.isEmpty() ? null : new Match(start + lastDot + 1, new ArrayList<>(names));
    }

    private static List<String> exported() {
        TreeSet<String> out = new TreeSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports e : m.getDescriptor().exports()) {
                if (!e.isQualified()) {
                    out.add(e.source());
                }
            }
        }
        return List.copyOf(out);
    }
}

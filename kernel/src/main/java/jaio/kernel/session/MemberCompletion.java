package jaio.kernel.session;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;

/**
 * Completion of a member of a class named through the session's imports, {@code System.out.printl}
 * or {@code Math.ma}, answered from the loaded classes instead of a javac run.
 *
 * <p>Why: JShell answers every completion by parsing the code to guess its kind and then
 * attributing it in a wrapper with all the session's imports (two javac runs); for the commonest
 * request, a member of a library class reached through static fields, the answer is the public
 * members of one class. It is given exactly as JShell gives it: in a static context (after a class
 * name) the static fields and methods, the member types and {@code class}; in an instance context
 * (after a field) the instance fields and methods; a method as {@code name(} when one of its
 * overloads has parameters, else {@code name()}; sorted, without duplicates.
 *
 * <p>Anything less plain goes to JShell ({@link #complete} returns null): a name the user declared
 * or a static import could bring in, a name two imports could mean, a chain with a call or an array
 * in it, an interface or generic field type, a position after {@code new}, {@code import} or a type
 * context. A class is looked up with the cells' class loader without being initialized.
 *
 * <p>Thread: any; {@link #complete} needs the JShell lock (it reads the session's declarations).
 */
final class MemberCompletion {
    /** What may stand right before the chain: an expression starts there. */
    private static final Set<String> EXPRESSION_START = Set.of(
            "(", ",", "=", "+", "-", "*", "/", "%", "!", "?", ":", ";", "{", "}", "&", "|", "^", "[", "return");

    /** The completions and where the completed word starts in the text. */
    record Answer(List<String> matches, int anchor) {}

    private MemberCompletion() {}

    /** The completions at the end of {@code text} (one unit of a cell), or null when JShell must answer. */
    static Answer complete(JShell js, ClassLoader loader, String text) {
        List<JavaLexer.Token> t = JavaLexer.tokenize(text);
        if (t.isEmpty() || t.getLast().end() != text.length() || t.getFirst().is("import")) {
            return null;
        }
        int end = t.size() - 1;
        String partial = "";
        int anchor = text.length();
        if (t.get(end).kind() == JavaLexer.Kind.IDENT) {
            partial = t.get(end).text();
            anchor = t.get(end).start();
            end--;
        }
        if (end < 1 || !t.get(end).is(".")) {
            return null;
        }
        // The chain before the dot: IDENT (. IDENT)*, read backwards.
        int i = end - 1;
        List<String> chain = new ArrayList<>();
        while (i >= 0 && t.get(i).kind() == JavaLexer.Kind.IDENT) {
            chain.addFirst(t.get(i).text());
            if (i >= 1 && t.get(i - 1).is(".")) {
                i -= 2;
            } else {
                i--;
                break;
            }
        }
        if (chain.isEmpty() || (i >= 0 && !EXPRESSION_START.contains(t.get(i).text()))
                || (i >= 0 && t.get(i).is(".")) || !Character.isUpperCase(chain.getFirst().charAt(0))) {
            return null;
        }
        Class<?> type = resolveHead(js, loader, chain.getFirst());
        if (type == null) {
            return null;
        }
        boolean statics = true;
        for (String name : chain.subList(1, chain.size())) {
            Field f = publicField(type, name, statics);
            if (f != null && f.getGenericType() instanceof Class<?> c) {
                type = c;
                statics = false;
            } else if (f == null && statics && memberClass(type, name) != null) {
                type = memberClass(type, name);
            } else {
                return null;
            }
        }
        if (type.isInterface() || type.isArray() || type.isPrimitive()) {
            return null;
        }
        return new Answer(members(type, statics, partial), anchor);
    }

    /** The class {@code name} means in a cell, when it is a class found through exactly one import and the user declared nothing of that name. */
    private static Class<?> resolveHead(JShell js, ClassLoader loader, String name) {
        boolean declared = js.snippets().anyMatch(s -> js.status(s).isActive() && s instanceof jdk.jshell.DeclarationSnippet d
                && d.name().equals(name));
        if (declared) {
            return null;
        }
        List<ImportSnippet> imports = js.imports().filter(s -> js.status(s).isActive()).toList();
        Class<?> single = null;
        TreeSet<String> found = new TreeSet<>();
        List<String> packages = new ArrayList<>(List.of("java.lang"));
        for (ImportSnippet imp : imports) {
            String full = imp.fullname();
            if (imp.isStatic()) {
                if (imp.name().equals(name)) {
                    return null;
                }
                if (full.endsWith(".*")) {
                    Class<?> owner = load(loader, full.substring(0, full.length() - 2));
                    if (owner == null || hasStaticMember(owner, name)) {
                        return null; // a static import may bring a field or type of that name
                    }
                }
            } else if (full.endsWith(".*")) {
                packages.add(full.substring(0, full.length() - 2));
            } else if (imp.name().equals(name)) {
                if (single != null) {
                    return null;
                }
                single = load(loader, full);
                if (single == null) {
                    return null;
                }
            }
        }
        if (single != null) {
            return single;
        }
        Class<?> only = null;
        for (String p : packages) {
            Class<?> c = load(loader, p + "." + name);
            if (c == null && Character.isUpperCase(p.charAt(p.lastIndexOf('.') + 1))) {
                Class<?> outer = load(loader, p); // import a.b.Outer.*: its member types
                c = outer == null ? null : load(loader, outer.getName() + "$" + name);
            }
            if (c != null && Modifier.isPublic(c.getModifiers()) && found.add(c.getName())) {
                only = c;
            }
        }
        return found.size() == 1 ? only : null;
    }

    private static List<String> members(Class<?> type, boolean statics, String partial) {
        TreeMap<String, Boolean> methods = new TreeMap<>(); // name -> has an overload with parameters
        TreeSet<String> out = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (m.isBridge() || m.isSynthetic() || Modifier.isStatic(m.getModifiers()) != statics || !m.getName().startsWith(partial)) {
                continue;
            }
            methods.merge(m.getName(), m.getParameterCount() > 0, Boolean::logicalOr);
        }
        methods.forEach((name, params) -> out.add(name + (params ? "(" : "()")));
        for (Field f : type.getFields()) {
            if (!f.isSynthetic() && Modifier.isStatic(f.getModifiers()) == statics && f.getName().startsWith(partial)) {
                out.add(f.getName());
            }
        }
        if (statics) {
            for (Class<?> c : type.getClasses()) {
                if (c.getSimpleName().startsWith(partial)) {
                    out.add(c.getSimpleName());
                }
            }
            if ("class".startsWith(partial)) {
                out.add("class");
            }
        }
        return new ArrayList<>(out);
    }

    private static Field publicField(Class<?> type, String name, boolean statics) {
        try {
            Field f = type.getField(name);
            return Modifier.isStatic(f.getModifiers()) == statics ? f : null;
        } catch (NoSuchFieldException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> memberClass(Class<?> type, String name) {
        for (Class<?> c : type.getClasses()) {
            if (c.getSimpleName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static boolean hasStaticMember(Class<?> owner, String name) {
        try {
            for (Field f : owner.getFields()) {
                if (f.getName().equals(name)) {
                    return true;
                }
            }
            for (Method m : owner.getMethods()) {
                if (m.getName().equals(name)) {
                    return true;
                }
            }
            return memberClass(owner, name) != null;
        } catch (LinkageError e) {
            return true;
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}

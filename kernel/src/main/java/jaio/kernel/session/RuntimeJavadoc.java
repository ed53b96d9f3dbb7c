package jaio.kernel.session;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Javadoc of jaio's own runtime API ({@code gather}, {@code sleep}, {@code ClientSession}...)
 * and of the kernel's facades a cell imports ({@code display}, {@code input}, {@code progress}...),
 * which JShell cannot give: its {@code SourceCodeAnalysisImpl.findSources()} reads documentation
 * only from the JDK's {@code lib/src.zip}, never from sources beside class-path entries.
 *
 * <p>The runtime's sources travel inside the kernel's jar under {@link #ROOT} (a resource prefix
 * that is no package, so no compiler ever mistakes them for sources to build), read through the
 * kernel's class loader: the user's class path never sees them, as it never sees the kernel's
 * libraries. A source file is parsed (no attribution) with the JDK's tree API the first time one
 * of its members is asked about; its comments are then cached for the kernel's life.
 *
 * <p>Thread-safe: the cache is a {@link ConcurrentHashMap}; parsing a file twice in a race is harmless.
 */
final class RuntimeJavadoc {
    static final String ROOT = "jaio-runtime-sources/";
    /** The package of the kernel's facades a cell imports statically ({@code display}, {@code input}...), shipped beside the runtime's sources. */
    static final String FACADES = "jaio.kernel.session";
    private static final List<String> SIMPLE_NAME_PACKAGES =
            java.util.stream.Stream.concat(Prelude.RUNTIME_PACKAGES.stream(), java.util.stream.Stream.of(FACADES)).toList();

    /** One documented declaration: its parameter types (simple, erased; empty for a type or field). */
    private record Doc(List<String> params, boolean method, String comment) {}

    /** Per source file (by resource path): declarations by qualified name ("jaio.Tasks.gather"). */
    private static final Map<String, Map<String, List<Doc>>> FILES = new ConcurrentHashMap<>();

    private RuntimeJavadoc() {}

    /**
     * The raw Javadoc comment of what JShell's {@code signature} names ("{@code
     * CompletableFuture<T> jaio.Tasks.gather(Awaitable<?>... aws)}", "{@code jaio.Lock}"), if it
     * is part of jaio's runtime and documented. A simple name that is one of {@code userTypes}
     * (the session's own classes, which shadow the prelude's imports) is the user's, not jaio's.
     */
    static Optional<String> of(String signature, Set<String> userTypes) {
        int paren = signature.indexOf('(');
        String head = (paren < 0 ? signature : signature.substring(0, paren)).strip();
        // "Async.<T>gather": JShell names a member by its class's simple name, type arguments between.
        String name = stripGenerics(head.substring(head.lastIndexOf(' ') + 1)).replace("..", ".");
        List<String> params = paren < 0 ? null : parameterTypes(signature.substring(paren + 1, signature.lastIndexOf(')')));
        if (name.startsWith("jaio.")) {
            return lookup(name, params);
        }
        if (userTypes.contains(name.split("\\.")[0])) {
            return Optional.empty();
        }
        // A simple name comes from the prelude's imports: the runtime's packages, the kernel's facades.
        return SIMPLE_NAME_PACKAGES.stream()
                .map(pkg -> lookup(pkg + "." + name, params))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The declaration's own comment, else (a method that overrides one, {@code Task.cancel}) the
     * comment of the same method in the nearest supertype of the runtime that has one, as the
     * javadoc tool inherits it.
     */
    private static Optional<String> lookup(String name, List<String> params) {
        Optional<String> own = lookupDeclared(name, params);
        if (own.isPresent() || params == null) {
            return own;
        }
        int dot = name.lastIndexOf('.');
        Class<?> owner = runtimeClass(name.substring(0, dot));
        if (owner == null) {
            return own;
        }
        List<Class<?>> supertypes = new ArrayList<>();
        if (owner.getSuperclass() != null) {
            supertypes.add(owner.getSuperclass());
        }
        supertypes.addAll(List.of(owner.getInterfaces()));
        for (Class<?> s : supertypes) {
            if (s.getName().startsWith("jaio.")) {
                Optional<String> inherited = lookup(s.getName().replace('$', '.') + name.substring(dot), params);
                if (inherited.isPresent()) {
                    return inherited;
                }
            }
        }
        return own;
    }

    /** The runtime or facade class of that (dotted, nested classes too) name, or null. */
    private static Class<?> runtimeClass(String dotted) {
        String binary = dotted;
        while (true) {
            try {
                return Class.forName(binary, false, RuntimeJavadoc.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0 || !Character.isUpperCase(binary.charAt(binary.lastIndexOf('.', dot - 1) + 1))) {
                    return null;
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            }
        }
    }

    private static Optional<String> lookupDeclared(String name, List<String> params) {
        String[] parts = name.split("\\.");
        // The longest prefix naming a source file is the top-level class.
        for (int n = parts.length; n >= 2; n--) {
            String file = ROOT + String.join("/", List.of(parts).subList(0, n)) + ".java";
            Map<String, List<Doc>> decls = declarations(file);
            if (decls == null) {
                continue;
            }
            List<Doc> docs = new ArrayList<>(decls.getOrDefault(name, List.of()));
            if (params != null) {
                // A constructor: JShell names it after its class ("jaio.Lock()").
                docs.addAll(decls.getOrDefault(name + "." + parts[parts.length - 1], List.of()));
            }
            return pick(docs, params).map(Doc::comment);
        }
        return Optional.empty();
    }

    /** The overload whose parameter types match, else the only one with that many parameters. */
    private static Optional<Doc> pick(List<Doc> docs, List<String> params) {
        if (params == null) {
            return docs.stream().filter(d -> !d.method()).findFirst();
        }
        List<Doc> sameCount = docs.stream().filter(d -> d.method() && d.params().size() == params.size()).toList();
        return sameCount.stream().filter(d -> d.params().equals(params)).findFirst()
                .or(() -> sameCount.size() == 1 ? Optional.of(sameCount.get(0)) : Optional.empty());
    }

    /** The declarations of one runtime source file, or null if the kernel ships no such file. */
    private static Map<String, List<Doc>> declarations(String resource) {
        Map<String, List<Doc>> cached = FILES.get(resource);
        if (cached != null) {
            return cached;
        }
        String source;
        try (InputStream in = RuntimeJavadoc.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Doc>> parsed = parse(resource, source);
        FILES.put(resource, parsed);
        return parsed;
    }

    private static Map<String, List<Doc>> parse(String resource, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + resource.substring(ROOT.length())), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
        DocTrees trees = DocTrees.instance(task);
        Map<String, List<Doc>> out = new HashMap<>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
                new TreePathScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree node, String outer) {
                        String name = outer + node.getSimpleName();
                        add(name, new ArrayList<>(), false);
                        return super.visitClass(node, name + ".");
                    }

                    @Override
                    public Void visitMethod(MethodTree node, String outer) {
                        List<String> params = node.getParameters().stream()
                                .map(p -> simpleType(p.getType().toString())).toList();
                        // A constructor is "<init>" in the tree; JShell names it after its class.
                        String simple = outer.substring(outer.lastIndexOf('.', outer.length() - 2) + 1, outer.length() - 1);
                        add(outer + (node.getName().contentEquals("<init>") ? simple : node.getName()), params, true);
                        return null; // local classes are not API
                    }

                    @Override
                    public Void visitVariable(VariableTree node, String outer) {
                        add(outer + node.getName(), List.of(), false);
                        return null;
                    }

                    private void add(String name, List<String> params, boolean method) {
                        DocCommentTree doc = trees.getDocCommentTree(getCurrentPath());
                        String comment = trees.getDocComment(getCurrentPath());
                        if (doc != null && comment != null && !comment.isBlank()) {
                            out.computeIfAbsent(name, k -> new ArrayList<>()).add(new Doc(List.copyOf(params), method, comment));
                        }
                    }
                }.scan(new TreePath(unit), pkg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** "Awaitable<?>... aws, long n" as ["Awaitable", "long"]. */
    private static List<String> parameterTypes(String list) {
        List<String> types = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String p = list.substring(start, i).strip();
                if (!p.isEmpty()) {
                    String withoutName = p.contains(" ") && !p.endsWith(">") ? p.substring(0, p.lastIndexOf(' ')) : p;
                    types.add(simpleType(withoutName));
                }
                start = i + 1;
            }
        }
        return types;
    }

    /** "java.util.List<? extends T>..." as "List": erased, unqualified, arrays and varargs dropped. */
    private static String simpleType(String type) {
        String t = stripGenerics(type).replace("...", "").replace("[]", "").strip();
        t = t.substring(t.lastIndexOf(' ') + 1); // annotations, final
        return t.substring(t.lastIndexOf('.') + 1);
    }

    private static String stripGenerics(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

}

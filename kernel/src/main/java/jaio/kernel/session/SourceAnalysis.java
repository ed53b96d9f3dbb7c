package jaio.kernel.session;

import jaio.Loop;
import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.InspectionResult;
import jaio.kernel.language.IsCompleteResult;
import jaio.kernel.magic.MagicRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;

/**
 * What the session says about source it does not run: completion, inspection (signatures and
 * Javadoc) and whether code is complete. Code is read as a cell is (top-level {@code await}
 * rewritten, magic lines recognized); positions are Java indices.
 *
 * <p>Thread: any (the kernel's helper thread, or a cell's task for {@code %pinfo}); each answer
 * holds the JShell lock ({@link LockedJShell}) while it asks JShell. No state of its own.
 */
final class SourceAnalysis {
    private final LockedJShell shell;
    private final MagicRegistry magics;
    private final Loop loop;
    private final ClassLoader cellClasses;

    SourceAnalysis(LockedJShell shell, MagicRegistry magics, Loop loop, ClassLoader cellClasses) {
        this.shell = shell;
        this.magics = magics;
        this.loop = loop;
        this.cellClasses = cellClasses;
    }

    /**
     * Completions at {@code cursor}: on a magic's line its name and arguments; a member of a library
     * class from the class itself ({@link MemberCompletion}); else JShell's.
     */
    CompletionResult complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        MagicCompletion magic = MagicCompletion.at(code, at, magics, loop);
        if (magic != null) {
            return new CompletionResult(magic.matches(), magic.start(), at);
        }
        RewrittenSource src = AwaitRewriter.rewrite(code);
        String text = src.text().substring(0, src.toRewritten(at));
        return shell.call(js -> {
            SourceCodeAnalysis sca = js.sourceCodeAnalysis();
            int base = lastUnitStart(sca, text);
            MemberCompletion.Answer member = MemberCompletion.complete(js, cellClasses, text.substring(base));
            if (member != null) {
                return new CompletionResult(member.matches(), src.toOriginal(base + member.anchor()), at);
            }
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> sugg = sca.completionSuggestions(text.substring(base), text.length() - base, anchor);
            LinkedHashSet<String> matches = new LinkedHashSet<>();
            sugg.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
            sugg.forEach(s -> matches.add(s.continuation()));
            PackageNames.Match packages = PackageNames.at(text.substring(base));
            if (packages != null && (sugg.isEmpty() || anchor[0] == packages.anchor())) {
                anchor[0] = packages.anchor();
                matches.addAll(packages.names());
            }
            return new CompletionResult(new ArrayList<>(matches), src.toOriginal(base + anchor[0]), at);
        });
    }

    /**
     * The signatures and Javadoc of what is at {@code cursor}. Both detail levels include the
     * Javadoc: IPython shows the docstring already at level 0 (Shift-Tab), and JShell has no source
     * to add at level 1. JShell documents only the JDK; jaio's own API comes from {@link RuntimeJavadoc}.
     */
    InspectionResult inspect(String code, int cursor, int detailLevel) {
        RewrittenSource src = AwaitRewriter.rewrite(code);
        int rcursor = src.toRewritten(Math.max(0, Math.min(cursor, code.length())));
        String text = src.text();
        return shell.call(js -> {
            SourceCodeAnalysis sca = js.sourceCodeAnalysis();
            int base = lastUnitStart(sca, text.substring(0, rcursor));
            List<SourceCodeAnalysis.Documentation> docs = sca.documentation(text.substring(base), rcursor - base, true);
            if (docs.isEmpty()) {
                // The cursor may sit inside or after a method's name.
                int end = rcursor;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                // JShell documents a method only at its argument list: look at "name(".
                String call = text.substring(base, end) + "(";
                docs = sca.documentation(call, call.length(), true);
            }
            if (docs.isEmpty()) {
                return InspectionResult.notFound();
            }
            Set<String> userTypes = js.types().filter(t -> js.status(t).isActive()).map(TypeDeclSnippet::name).collect(Collectors.toSet());
            StringBuilder sb = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(d.signature());
                String javadoc = d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc()
                        : RuntimeJavadoc.of(d.signature(), userTypes).orElse(null);
                if (javadoc != null) {
                    sb.append("\n\n").append(JavadocText.render(javadoc));
                }
            }
            return new InspectionResult(true, sb.toString());
        });
    }

    /**
     * Whether {@code code} is ready to run: incomplete (indent four spaces) when a unit is open,
     * invalid when JShell cannot make sense of it (for example {@code int y = ;}), else complete.
     */
    IsCompleteResult isComplete(String code) {
        if (CellParts.of(code, magics).stream().noneMatch(p -> p instanceof CellParts.Java)) {
            // Math.max?, %lsmagic, a %%cell magic: nothing for Java to complete, Enter runs it.
            return IsCompleteResult.COMPLETE;
        }
        String text = AwaitRewriter.rewrite(code).text();
        return shell.call(js -> {
            SourceCodeAnalysis sca = js.sourceCodeAnalysis();
            List<SnippetSplitter.Unit> units = SnippetSplitter.split(text, sca::analyzeCompletion);
            if (units.isEmpty() || units.getLast().complete()) {
                return IsCompleteResult.COMPLETE;
            }
            return switch (sca.analyzeCompletion(text.substring(units.getLast().start())).completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> IsCompleteResult.INCOMPLETE;
                case UNKNOWN -> IsCompleteResult.INVALID;
                default -> IsCompleteResult.COMPLETE;
            };
        });
    }

    /**
     * The offset in {@code text} where its last (unfinished) unit starts; linear in the text's
     * length ({@link SnippetSplitter}), as completion and is_complete run on every key press.
     */
    private static int lastUnitStart(SourceCodeAnalysis sca, String text) {
        List<SnippetSplitter.Unit> units = SnippetSplitter.split(text, sca::analyzeCompletion);
        return units.isEmpty() ? 0 : units.getLast().start();
    }
}

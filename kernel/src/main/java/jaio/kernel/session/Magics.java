package jaio.kernel.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the magic commands of a cell and runs them, as IPython's input transformers do.
 *
 * <p>Syntax: a cell whose first line starts with {@code %%name} is a cell magic (the other lines
 * are its body). Otherwise the cell's leading lines that start, in column 0, with {@code %} (a line
 * magic) or {@code !} (a shell command) run one by one, then the remaining lines run as Java.
 * Java code never starts a line with {@code %}; an expression starting with {@code !} written as a
 * cell's first line needs a space or parentheses in front ({@code (!done)}).
 */
final class Magics {
    private final Map<String, Magic> byName = new TreeMap<>();

    void register(Magic m) {
        byName.put(m.name(), m);
    }

    /** The registered magics by name, sorted. */
    Map<String, Magic> all() {
        return Collections.unmodifiableMap(byName);
    }

    /** What completes after a leading percent sign: {@code %name} and {@code %%name} forms. */
    List<String> completions() {
        List<String> out = new ArrayList<>();
        for (Magic m : byName.values()) {
            if (m.hasLineForm()) {
                out.add("%" + m.name());
            }
            if (m.hasCellForm()) {
                out.add("%%" + m.name());
            }
        }
        return out;
    }

    /** Whether {@code code} starts with a magic or shell line (then {@link #run} handles it). */
    boolean isMagic(String code) {
        String first = firstLine(code);
        return first.startsWith("%") || first.startsWith("!");
    }

    /** On the cell's task: runs the cell's magics and then its Java code. */
    ExecutionResult run(String code, MagicContext context) {
        List<String> lines = new ArrayList<>(code.lines().toList());
        while (!lines.isEmpty() && lines.getFirst().isBlank()) {
            lines.removeFirst();
        }
        String first = lines.getFirst();
        if (first.startsWith("%%")) {
            String[] nameArgs = split(first.substring(2));
            String body = String.join("\n", lines.subList(1, lines.size()));
            return invoke(nameArgs[0], nameArgs[1], body, context);
        }
        while (!lines.isEmpty() && (lines.getFirst().startsWith("%") || lines.getFirst().startsWith("!"))) {
            String line = lines.removeFirst();
            ExecutionResult r = line.startsWith("!")
                    ? invoke("system", line.substring(1), null, context)
                    : invoke(split(line.substring(1))[0], split(line.substring(1))[1], null, context);
            if (!r.isOk()) {
                return r;
            }
        }
        String rest = String.join("\n", lines);
        return rest.isBlank() ? ExecutionResult.ok() : context.run(rest);
    }

    private ExecutionResult invoke(String name, String args, String body, MagicContext context) {
        boolean cellForm = body != null;
        Magic m = byName.get(name);
        if (m == null || (cellForm ? !m.hasCellForm() : !m.hasLineForm())) {
            String kind = cellForm ? "Cell" : "Line";
            return usageError(kind + " magic function `" + (cellForm ? "%%" : "%") + name + "` not found"
                    + (m != null ? " (it is a " + (cellForm ? "line" : "cell") + " magic)" : "") + ". %lsmagic lists them.");
        }
        try {
            return m.run(args.strip(), body, context);
        } catch (MagicUsageError e) {
            return usageError(e.getMessage() + "\nusage: " + m.usage());
        } catch (jaio.CancelledError | jaio.KeyboardInterrupt e) {
            if (!context.cell().interruptRequested) {
                throw e;
            }
            return new ExecutionResult.Error("KeyboardInterrupt", "", List.of("KeyboardInterrupt"));
        } catch (Exception e) {
            return new ExecutionResult.Error(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of(e.getClass().getName() + ": " + e.getMessage()));
        }
    }

    static ExecutionResult usageError(String message) {
        return new ExecutionResult.Error("UsageError", message, List.of("UsageError: " + message));
    }

    /** {name, args} of {@code "name rest of line"}. */
    private static String[] split(String s) {
        String t = s.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        return new String[] {t.substring(0, sp), t.substring(sp).strip()};
    }

    private static String firstLine(String code) {
        for (String l : code.lines().toList()) {
            if (!l.isBlank()) {
                return l;
            }
        }
        return "";
    }
}

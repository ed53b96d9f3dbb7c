package jaio.kernel.session;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %timeit [-n N] [-r R] [-p P] [-q] CODE} and {@code %%timeit [options] [SETUP]} (the cell's
 * other lines are the timed code). The code is compiled once, as the body of a lambda handed to
 * {@link Timeit#run}, so the loop times the code and not the compiler; it may await. Unlike
 * IPython, SETUP runs once before the measurement rather than before each run, as top-level cell
 * code (its declarations stay defined).
 */
final class TimeitMagic implements Magic {
    @Override
    public String name() {
        return "timeit";
    }

    @Override
    public String usage() {
        return "%timeit [-n LOOPS] [-r RUNS] [-p PRECISION] [-q] CODE   |   %%timeit [options] [SETUP] (timed code on the next lines)";
    }

    @Override
    public boolean hasLineForm() {
        return true;
    }

    @Override
    public boolean hasCellForm() {
        return true;
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        int number = 0;
        int repeat = 7;
        int precision = 3;
        boolean quiet = false;
        List<String> words = new ArrayList<>(List.of(args.isBlank() ? new String[0] : args.split("\\s+")));
        int used = 0;
        while (used < words.size() && words.get(used).startsWith("-") && words.get(used).length() > 1
                && Character.isLetter(words.get(used).charAt(1))) {
            String opt = words.get(used++);
            switch (opt) {
                case "-q" -> quiet = true;
                case "-n", "-r", "-p" -> {
                    if (used >= words.size()) {
                        throw new MagicUsageError("option " + opt + " needs a number");
                    }
                    int v = positive(opt, words.get(used++));
                    switch (opt) {
                        case "-n" -> number = v;
                        case "-r" -> repeat = v;
                        default -> precision = v;
                    }
                }
                default -> throw new MagicUsageError("unknown option " + opt);
            }
        }
        String rest = skipWords(args, used);
        String setup = body != null ? rest : "";
        String code = body != null ? body : rest;
        if (code.isBlank()) {
            throw new MagicUsageError("%timeit needs code to time");
        }
        if (!setup.isBlank()) {
            ExecutionResult r = context.run(setup);
            if (!r.isOk()) {
                return r;
            }
        }
        String type = context.typeOf(code.strip());
        String lambdaBody = type != null && !type.equals("void")
                ? Timeit.class.getName() + ".consume(" + code.strip() + ");"
                : code.strip() + (code.strip().endsWith(";") || code.strip().endsWith("}") ? "" : ";");
        String snippet = Timeit.class.getName() + ".run(" + number + ", " + repeat + ", " + precision + ", " + quiet
                + ", () -> {\n" + lambdaBody + "\n});";
        return context.evaluate(snippet).result();
    }

    private static int positive(String opt, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageError("option " + opt + " needs a positive number, not " + value);
    }

    /** {@code s} without its first {@code n} whitespace-separated words (the rest keeps its spacing). */
    private static String skipWords(String s, int n) {
        String rest = s.strip();
        for (int i = 0; i < n; i++) {
            int sp = 0;
            while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
                sp++;
            }
            rest = rest.substring(sp).strip();
        }
        return rest;
    }
}

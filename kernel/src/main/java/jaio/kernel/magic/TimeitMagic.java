package jaio.kernel.magic;

import jaio.kernel.session.Timeit;

import java.util.List;

/**
 * {@code %timeit [-n N] [-r R] [-p P] [-q] CODE} and {@code %%timeit [options] [SETUP]} (the cell's
 * other lines are the timed code). The code is compiled once, as the body of a lambda handed to
 * {@link Timeit#run}, so the loop times the code and not the compiler; it may await. Unlike
 * IPython, SETUP runs once before the measurement rather than before each run, as top-level cell
 * code (its declarations stay defined).
 */
final class TimeitMagic implements Magic {
    private final Kind kind;

    private TimeitMagic(Kind kind) {
        this.kind = kind;
    }

    static TimeitMagic line() {
        return new TimeitMagic(Kind.LINE);
    }

    static TimeitMagic cell() {
        return new TimeitMagic(Kind.CELL);
    }

    @Override
    public String name() {
        return "timeit";
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String usage() {
        return kind == Kind.LINE ? "%timeit [-n LOOPS] [-r RUNS] [-p PRECISION] [-q] CODE"
                : "%%timeit [-n LOOPS] [-r RUNS] [-p PRECISION] [-q] [SETUP]";
    }

    @Override
    public String summary() {
        return "time code over many loops (awaits allowed); print mean ± std. dev. as IPython does";
    }

    @Override
    public void run(MagicCall call) {
        int number = 0;
        int repeat = 7;
        int precision = 3;
        boolean quiet = false;
        List<String> words = List.of(call.args().isBlank() ? new String[0] : call.args().split("\\s+"));
        int used = 0;
        while (used < words.size() && words.get(used).matches("-[a-zA-Z].*")) {
            String opt = words.get(used++);
            switch (opt) {
                case "-q" -> quiet = true;
                case "-n", "-r", "-p" -> {
                    if (used >= words.size()) {
                        throw new UsageException("option " + opt + " needs a number");
                    }
                    int v = positive(opt, words.get(used++));
                    switch (opt) {
                        case "-n" -> number = v;
                        case "-r" -> repeat = v;
                        default -> precision = v;
                    }
                }
                default -> throw new UsageException("unknown option " + opt);
            }
        }
        String rest = skipWords(call.args(), used);
        String setup = kind == Kind.CELL ? rest : "";
        String code = (kind == Kind.CELL ? call.body() : rest).strip();
        if (code.isBlank()) {
            throw new UsageException("no code to time");
        }
        if (!setup.isBlank()) {
            call.eval(setup);
        }
        // One expression (not a statement): its value is consumed, so the JIT cannot drop it.
        String type = call.withJShell(js -> {
            var sca = js.sourceCodeAnalysis();
            var info = sca.analyzeCompletion(code);
            return info.completeness().isComplete() && info.remaining().isBlank() ? sca.analyzeType(code, code.length()) : null;
        });
        String body = type != null && !type.equals("void")
                ? Timeit.class.getName() + ".consume(" + code + ");"
                : code + (code.endsWith(";") || code.endsWith("}") ? "" : ";");
        call.eval(Timeit.class.getName() + ".run(" + number + ", " + repeat + ", " + precision + ", " + quiet
                + ", () -> {\n" + body + "\n});");
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
        throw new UsageException("option " + opt + " needs a positive number, not " + value);
    }

    /** {@code s} without its first {@code n} blank-separated words (the rest keeps its spacing). */
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

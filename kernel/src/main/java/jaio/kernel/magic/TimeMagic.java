package jaio.kernel.magic;

import jaio.kernel.session.TimeFormat;

/**
 * {@code %time CODE} and {@code %%time}: runs the code once and prints, as IPython does, its CPU
 * times and wall time, then shows its value. The wall time includes the awaits; the CPU times are
 * those of the cell's task, and, on a line of their own, those of the tasks it started meanwhile
 * ({@link TaskCpuMeter}). JShell's compiling is in neither (IPython reports it apart when it is
 * long; here it is left out). As in IPython, nothing is printed when the code fails.
 */
final class TimeMagic implements Magic {
    private final Kind kind;

    private TimeMagic(Kind kind) {
        this.kind = kind;
    }

    static TimeMagic line() {
        return new TimeMagic(Kind.LINE);
    }

    static TimeMagic cell() {
        return new TimeMagic(Kind.CELL);
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String usage() {
        return kind == Kind.LINE ? "%time STATEMENT_OR_EXPRESSION" : "%%time";
    }

    @Override
    public String summary() {
        return "run the code once; print its CPU times (its task, its child tasks) and wall time (awaits included)";
    }

    @Override
    public void run(MagicCall call) {
        String code = kind == Kind.LINE ? call.args() : call.body();
        if (code.isBlank()) {
            throw new UsageException("no code to time");
        }
        TaskCpuMeter meter = TaskCpuMeter.start(call.loop());
        Object value;
        try {
            value = call.eval(code);
        } finally {
            meter.stop();
        }
        double wall = meter.wallSeconds();
        StringBuilder sb = new StringBuilder(line("CPU times", meter.own()));
        if (meter.childStepped()) {
            sb.append(line("CPU times of child tasks", meter.children()));
        }
        sb.append("Wall time: ").append(TimeFormat.format(wall)).append('\n');
        call.print(sb.toString());
        if (value != null) {
            call.showResult(value);
        }
    }

    private static String line(String label, TaskCpuMeter.Times t) {
        return label + ": user " + TimeFormat.format(t.userNanos() / 1e9) + ", sys " + TimeFormat.format(t.sysNanos() / 1e9)
                + ", total " + TimeFormat.format(t.cpuNanos() / 1e9) + "\n";
    }
}

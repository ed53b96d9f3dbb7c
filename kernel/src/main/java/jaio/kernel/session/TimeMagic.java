package jaio.kernel.session;

/**
 * {@code %time EXPR} and {@code %%time}: runs the code once and prints, as IPython does, the CPU
 * times and the wall time. The wall time includes the awaits; the CPU times are those of the
 * cell's own task, and on a line of their own those of the other tasks the cell runs meanwhile
 * ({@link TaskCpuMeter}). As in IPython, nothing is printed when the code fails.
 */
final class TimeMagic implements Magic {
    @Override
    public String name() {
        return "time";
    }

    @Override
    public String usage() {
        return "%time STATEMENT_OR_EXPRESSION   |   %%time (then the cell's code on the next lines)";
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
        String code = body != null ? body : args;
        if (code.isBlank()) {
            throw new MagicUsageError("%time needs code to run");
        }
        TaskCpuMeter meter = TaskCpuMeter.start(context);
        long start = System.nanoTime();
        Evaluation e;
        try {
            e = context.evaluate(code);
        } finally {
            meter.stop();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!e.result().isOk()) {
            return e.result();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(line("CPU times", meter.own()));
        if (meter.childStepped()) {
            sb.append(line("CPU times of child tasks", meter.children()));
        }
        sb.append("Wall time: ").append(TimeFormat.format(wall)).append('\n');
        context.cell().output.writeText("stdout", sb.toString());
        if (e.hasValue()) {
            context.show(e.value());
        }
        return e.result();
    }

    private static String line(String label, TaskCpuMeter.Times t) {
        return label + ": user " + TimeFormat.format(t.userNanos() / 1e9) + ", sys " + TimeFormat.format(t.sysNanos() / 1e9)
                + ", total " + TimeFormat.format(t.cpuNanos() / 1e9) + "\n";
    }
}

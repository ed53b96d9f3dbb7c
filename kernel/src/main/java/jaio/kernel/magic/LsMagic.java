package jaio.kernel.magic;

/** {@code %lsmagic}: lists the registered magics with their usage and what they do, as IPython's. */
final class LsMagic implements LineMagic {
    @Override
    public String name() {
        return "lsmagic";
    }

    @Override
    public String usage() {
        return "%lsmagic";
    }

    @Override
    public String summary() {
        return "list the magics";
    }

    @Override
    public void run(MagicCall call) {
        if (!call.args().isEmpty()) {
            throw new UsageException("%lsmagic takes no arguments");
        }
        StringBuilder sb = new StringBuilder();
        for (Magic.Kind kind : Magic.Kind.values()) {
            var magics = call.registry().all(kind);
            sb.append(kind == Magic.Kind.LINE ? "Available line magics:\n" : "\nAvailable cell magics:\n");
            int width = magics.stream().mapToInt(m -> m.usage().length()).max().orElse(0);
            for (Magic m : magics) {
                sb.append("  ").append(m.usage()).append(" ".repeat(width - m.usage().length() + 2)).append(m.summary()).append('\n');
            }
            if (magics.isEmpty()) {
                sb.append("  (none)\n");
            }
        }
        sb.append("\nNAME? and NAME?? run %pinfo NAME and %pinfo2 NAME.\n");
        call.print(sb.toString());
    }
}

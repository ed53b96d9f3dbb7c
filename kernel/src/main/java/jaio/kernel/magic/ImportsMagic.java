package jaio.kernel.magic;

/** {@code %imports}: the session's active imports, the prelude's first. */
final class ImportsMagic implements LineMagic {
    @Override
    public String name() {
        return "imports";
    }

    @Override
    public String usage() {
        return "%imports";
    }

    @Override
    public String summary() {
        return "list the active imports";
    }

    @Override
    public void run(MagicCall call) {
        String imports = call.withJShell(js -> String.join("\n",
                js.imports().filter(i -> js.status(i).isActive()).map(i -> i.source().strip()).toList()));
        call.print(imports + "\n");
    }
}

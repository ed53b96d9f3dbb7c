package jaio.kernel.session;

/** The name, usage and forms of a magic, so each command class holds only what it does. */
abstract class BaseMagic implements Magic {
    private final String name;
    private final String usage;
    private final boolean line;
    private final boolean cell;

    BaseMagic(String name, String usage, boolean line, boolean cell) {
        this.name = name;
        this.usage = usage;
        this.line = line;
        this.cell = cell;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String usage() {
        return usage;
    }

    @Override
    public final boolean hasLineForm() {
        return line;
    }

    @Override
    public final boolean hasCellForm() {
        return cell;
    }

    /** Writes {@code text} to the cell's standard output. */
    static void print(MagicContext context, String text) {
        context.cell().output.writeText("stdout", text.endsWith("\n") ? text : text + "\n");
    }
}

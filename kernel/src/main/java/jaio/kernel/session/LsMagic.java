package jaio.kernel.session;

import java.util.function.Supplier;

/** {@code %lsmagic}: the registered line and cell magics. */
final class LsMagic extends BaseMagic {
    private final Supplier<Magics> registry;

    LsMagic(Supplier<Magics> registry) {
        super("lsmagic", "%lsmagic", true, false);
        this.registry = registry;
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        StringBuilder line = new StringBuilder("Available line magics:\n");
        StringBuilder cell = new StringBuilder("Available cell magics:\n");
        for (Magic m : registry.get().all().values()) {
            if (m.hasLineForm()) {
                line.append('%').append(m.name()).append("  ");
            }
            if (m.hasCellForm()) {
                cell.append("%%").append(m.name()).append("  ");
            }
        }
        print(context, line.toString().strip() + "\n\n" + cell.toString().strip() + "\n\n!COMMAND runs a shell command.");
        return ExecutionResult.ok();
    }
}

package jaio.kernel.session;

import java.util.Map;

/** {@code %%html}, {@code %%markdown}, {@code %%latex}, {@code %%svg}: the cell's body shown as that MIME type. */
final class MarkupMagic extends BaseMagic {
    private final String mime;

    MarkupMagic(String name, String mime) {
        super(name, "%%" + name + " (then the " + name + " on the next lines)", false, true);
        this.mime = mime;
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        context.cell().output.displayData(Map.of(mime, body, "text/plain", body), Map.of(), null);
        return ExecutionResult.ok();
    }
}

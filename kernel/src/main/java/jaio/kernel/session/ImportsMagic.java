package jaio.kernel.session;

/** {@code %imports}: the session's active imports, the prelude's first. */
final class ImportsMagic extends BaseMagic {
    ImportsMagic() {
        super("imports", "%imports", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        print(context, String.join("\n", context.imports()));
        return ExecutionResult.ok();
    }
}

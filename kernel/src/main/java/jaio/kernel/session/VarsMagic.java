package jaio.kernel.session;

import java.util.List;

/** {@code %vars}: the declared variables with their types and values, laid out as IPython's {@code %whos}. */
final class VarsMagic extends BaseMagic {
    private static final int MAX_VALUE = 80;

    VarsMagic() {
        super("vars", "%vars", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        List<MagicContext.VariableInfo> vars = context.variables();
        if (vars.isEmpty()) {
            print(context, "No variables declared.");
            return ExecutionResult.ok();
        }
        int nameWidth = Math.max("Variable".length(), vars.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int typeWidth = Math.max("Type".length(), vars.stream().mapToInt(v -> v.type().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String header = pad("Variable", nameWidth) + "   " + pad("Type", typeWidth) + "   Data/Info";
        sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (MagicContext.VariableInfo v : vars) {
            String value = v.value().replace("\n", "\\n");
            if (value.length() > MAX_VALUE) {
                value = value.substring(0, MAX_VALUE - 3) + "...";
            }
            sb.append(pad(v.name(), nameWidth)).append("   ").append(pad(v.type(), typeWidth)).append("   ").append(value).append('\n');
        }
        print(context, sb.toString());
        return ExecutionResult.ok();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}

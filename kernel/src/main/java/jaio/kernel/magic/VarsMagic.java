package jaio.kernel.magic;

import java.util.List;

/** {@code %vars}: the declared variables with their types and values, laid out as IPython's {@code %whos}. */
final class VarsMagic implements LineMagic {
    private static final int MAX_VALUE = 80;

    private record Variable(String name, String type, String value) {}

    @Override
    public String name() {
        return "vars";
    }

    @Override
    public String usage() {
        return "%vars";
    }

    @Override
    public String summary() {
        return "list the declared variables with their types and values";
    }

    @Override
    public void run(MagicCall call) {
        List<Variable> vars = call.withJShell(js -> js.variables().filter(v -> js.status(v).isActive())
                .map(v -> new Variable(v.name(), v.typeName(), valueOf(js, v))).toList());
        if (vars.isEmpty()) {
            call.print("No variables declared.\n");
            return;
        }
        int nameWidth = Math.max("Variable".length(), vars.stream().mapToInt(v -> v.name().length()).max().orElse(0));
        int typeWidth = Math.max("Type".length(), vars.stream().mapToInt(v -> v.type().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String header = pad("Variable", nameWidth) + "   " + pad("Type", typeWidth) + "   Data/Info";
        sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Variable v : vars) {
            String value = v.value().replace("\n", "\\n");
            if (value.length() > MAX_VALUE) {
                value = value.substring(0, MAX_VALUE - 3) + "...";
            }
            sb.append(pad(v.name(), nameWidth)).append("   ").append(pad(v.type(), typeWidth)).append("   ").append(value).append('\n');
        }
        call.print(sb.toString());
    }

    private static String valueOf(jdk.jshell.JShell js, jdk.jshell.VarSnippet v) {
        try {
            return js.varValue(v);
        } catch (RuntimeException e) {
            return "<" + e.getClass().getSimpleName() + ">";
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}

package jaio.kernel.session;

import java.util.List;

/**
 * {@code %history [-n] [RANGE...]}: this session's inputs, as IPython prints them; {@code -n}
 * puts the execution count in front; a range is {@code N} or {@code N-M} (execution counts).
 */
final class HistoryMagic extends BaseMagic {
    HistoryMagic() {
        super("history", "%history [-n] [N | N-M ...]", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) {
        boolean numbers = false;
        List<int[]> ranges = new java.util.ArrayList<>();
        for (String w : args.isBlank() ? new String[0] : args.split("\\s+")) {
            if (w.equals("-n")) {
                numbers = true;
            } else if (w.matches("\\d+")) {
                ranges.add(new int[] {Integer.parseInt(w), Integer.parseInt(w)});
            } else if (w.matches("\\d+-\\d+")) {
                String[] p = w.split("-");
                ranges.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
            } else {
                throw new MagicUsageError("not an option or a range: " + w);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (MagicContext.Input in : context.history()) {
            if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> in.executionCount() >= r[0] && in.executionCount() <= r[1])) {
                continue;
            }
            String code = in.code();
            if (numbers) {
                String prefix = String.format("%3d: ", in.executionCount());
                code = prefix + code.replace("\n", "\n" + " ".repeat(prefix.length()));
            }
            sb.append(code).append('\n');
        }
        if (!sb.isEmpty()) {
            print(context, sb.toString());
        }
        return ExecutionResult.ok();
    }
}

package jaio.kernel.magic;

import jaio.kernel.protocol.history.HistoryEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %history [-n] [N | N-M ...]}: this kernel session's inputs, as IPython prints them;
 * {@code -n} puts the execution count in front; ranges are execution counts (M included).
 */
final class HistoryMagic implements LineMagic {
    @Override
    public String name() {
        return "history";
    }

    @Override
    public String usage() {
        return "%history [-n] [N | N-M ...]";
    }

    @Override
    public String summary() {
        return "print this session's inputs";
    }

    @Override
    public void run(MagicCall call) throws IOException {
        boolean numbers = false;
        List<int[]> ranges = new ArrayList<>();
        for (String w : call.argv()) {
            if (w.equals("-n")) {
                numbers = true;
            } else if (w.matches("\\d+")) {
                ranges.add(new int[] {Integer.parseInt(w), Integer.parseInt(w)});
            } else if (w.matches("\\d+-\\d+")) {
                String[] p = w.split("-");
                ranges.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
            } else {
                throw new UsageException("not an option or a range: " + w);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (HistoryEntry in : call.history().range(0, 1, null)) {
            if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> in.line() >= r[0] && in.line() <= r[1])) {
                continue;
            }
            String code = in.source();
            if (numbers) {
                String prefix = String.format("%3d: ", in.line());
                code = prefix + code.replace("\n", "\n" + " ".repeat(prefix.length()));
            }
            sb.append(code).append('\n');
        }
        call.print(sb.toString());
    }
}

package jaio.kernel.session;

import jaio.Loop;
import jaio.kernel.language.Comms;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.InspectionResult;
import jaio.kernel.magic.CellFailure;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.MagicRegistry;
import jaio.kernel.protocol.history.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import jdk.jshell.JShell;

/**
 * The session's side of one magic run: a {@link MagicCall} on the cell's task, writing to the
 * cell's {@link CellOutput}. Confined to the cell's task, except {@link #updateDisplay} (any thread).
 */
final class SessionMagicCall implements MagicCall {
    private final CellRunner runner;
    private final Cell cell;
    private final CellParts.Invocation invocation;
    private String page;

    SessionMagicCall(CellRunner runner, Cell cell, CellParts.Invocation invocation) {
        this.runner = runner;
        this.cell = cell;
        this.invocation = invocation;
    }

    /** The text the magic asked to page, or null. */
    String page() {
        return page;
    }

    @Override
    public String name() {
        return invocation.name();
    }

    @Override
    public String args() {
        return invocation.args();
    }

    @Override
    public List<String> argv() {
        return split(invocation.args());
    }

    /** Words separated by blanks; quotes group words and are dropped (as a shell does, without escapes). */
    static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    @Override
    public String body() {
        return invocation.body();
    }

    @Override
    public int executionCount() {
        return cell.context.executionCount();
    }

    @Override
    public boolean silent() {
        return cell.context.silent();
    }

    @Override
    public void print(String text) {
        cell.output.writeText("stdout", text);
    }

    @Override
    public void printErr(String text) {
        cell.output.writeText("stderr", text);
    }

    @Override
    public String display(Object value) {
        return displayBundle(MimeRenderer.render(value));
    }

    @Override
    public String displayBundle(Map<String, Object> bundle) {
        String id = UUID.randomUUID().toString();
        cell.output.displayData(bundle, Map.of(), id);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, Map<String, Object> bundle) {
        cell.output.updateDisplayData(bundle, Map.of(), displayId);
    }

    @Override
    public void clearOutput(boolean wait) {
        cell.output.clearOutput(wait);
    }

    @Override
    public void page(String text) {
        page = text;
    }

    @Override
    public void run(String javaSource) {
        failIfError(runner.runJava(onCellLines(javaSource), cell, true));
    }

    @Override
    public Object eval(String javaSource) {
        SnippetRun run = runner.runJava(onCellLines(javaSource), cell, false);
        failIfError(run);
        return run.hasValue ? run.lastValue : null;
    }

    @Override
    public void showResult(Object value) {
        if (!cell.context.silent()) {
            MimeRenderer.Rendered r = MimeRenderer.rendered(value);
            cell.output.executeResult(r.data(), r.metadata());
        }
    }

    /**
     * A cell magic's own body keeps the cell's line numbers (frames, tracebacks and task views say
     * {@code cell [4]:2} for the line under {@code %%timeline}): it is run after the magic's lines as
     * line breaks, as CellParts does for Java between line magics.
     */
    private String onCellLines(String javaSource) {
        return javaSource.equals(invocation.body()) ? "\n".repeat(invocation.bodyLine()) + javaSource : javaSource;
    }

    private static void failIfError(SnippetRun run) {
        if (run.result instanceof ExecutionResult.Error e) {
            throw new CellFailure(e.ename(), e.evalue(), e.traceback());
        }
    }

    @Override
    public Optional<String> documentation(String code, int cursor, int detailLevel) {
        InspectionResult r = runner.analysis().inspect(code, cursor, detailLevel);
        return r.found() ? Optional.of(r.text()) : Optional.empty();
    }

    @Override
    public <T> T withJShell(Function<JShell, T> action) {
        return runner.shell().call(action);
    }

    @Override
    public void addToClasspath(String path) {
        runner.shell().run(js -> js.addToClasspath(path));
    }

    @Override
    public Loop loop() {
        return runner.loop();
    }

    @Override
    public HistoryStore history() {
        return runner.services().history();
    }

    @Override
    public Comms comms() {
        return runner.services().comms();
    }

    @Override
    public MagicRegistry registry() {
        return runner.magics();
    }
}

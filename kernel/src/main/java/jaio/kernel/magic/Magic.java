package jaio.kernel.magic;

import java.util.List;

/**
 * A kernel command a cell can run: a line magic ({@code %name args}) or a cell magic
 * ({@code %%name args} on the cell's first line, the rest of the cell being its body), as IPython's
 * magics. Implement {@link LineMagic} or {@link CellMagic}, then register the instance in
 * {@link BuiltinMagics} (see kernel/ARCHITECTURE.md, "Adding a magic").
 *
 * <p>Threads: {@link #run} is called on the cell's own task (a virtual thread whose carrier is the
 * kernel loop's thread), one magic at a time, like the Java code of a cell: it may read the loop's
 * tasks, await futures ({@code Async.await}), and what it prints to {@code System.out} goes to the
 * cell. {@link #completeArgument} is called on a helper thread, possibly while a cell runs: it must
 * be thread-safe and must not block.
 */
public interface Magic {

    /** Whether a magic is written {@code %name} (one line) or {@code %%name} (a whole cell). */
    enum Kind {
        LINE("%"), CELL("%%");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** {@code %} or {@code %%}. */
        public String prefix() {
            return prefix;
        }
    }

    /** The name without its {@code %}: letters, digits and {@code _}, starting with a letter. */
    String name();

    Kind kind();

    /**
     * The one-line synopsis shown by {@code %lsmagic} and in usage errors, starting with the
     * magic as typed: {@code "%time STATEMENT"}, {@code "%%timeline [--live]"}.
     */
    String usage();

    /** One short sentence saying what the magic does (shown by {@code %lsmagic}). */
    String summary();

    /**
     * Runs the magic. Throw {@link UsageException} for arguments that do not fit {@link #usage()}
     * (the cell then fails with a one-line {@code UsageError} naming the usage); let a
     * {@link CellFailure} from {@link MagicCall#run} propagate to fail the cell with the Java
     * code's own error. Any other exception fails the cell with its class and message.
     */
    void run(MagicCall call) throws Exception;

    /**
     * Completions of the argument being typed ({@link ArgumentCompletion#word()}, possibly empty):
     * whole words that replace it. None by default.
     */
    default List<String> completeArgument(ArgumentCompletion request) {
        return List.of();
    }
}

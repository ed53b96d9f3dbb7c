package jaio.kernel.protocol.history;

import java.io.IOException;
import java.util.List;

/**
 * The input history behind history_request, in IPython's model: every kernel start is a new session
 * number, every stored cell a line in it. Results are in chronological order (session, then line).
 * Implementations must be safe to call from the shell thread while a cell runs.
 */
public interface HistoryStore {

    /** This kernel's session number. */
    int session();

    /** Records a cell of the current session. */
    void append(int line, String source) throws IOException;

    /** The last {@code n} cells over all sessions. */
    List<HistoryEntry> tail(int n) throws IOException;

    /**
     * Cells {@code start <= line < stop} of one session ({@code stop} null: to the end). A session
     * number of 0 or less is relative to the current one (0 = this session, -1 = the previous).
     */
    List<HistoryEntry> range(int session, int start, Integer stop) throws IOException;

    /**
     * Cells whose whole source matches the glob {@code pattern} ({@code *}, {@code ?}, {@code [...]}),
     * only the latest of equal sources when {@code unique}, only the last {@code n} when {@code n > 0}.
     */
    List<HistoryEntry> search(String pattern, int n, boolean unique) throws IOException;

    /** A store that keeps nothing (history disabled). */
    static HistoryStore none() {
        return new HistoryStore() {
            @Override
            public int session() {
                return 1;
            }

            @Override
            public void append(int line, String source) {
            }

            @Override
            public List<HistoryEntry> tail(int n) {
                return List.of();
            }

            @Override
            public List<HistoryEntry> range(int session, int start, Integer stop) {
                return List.of();
            }

            @Override
            public List<HistoryEntry> search(String pattern, int n, boolean unique) {
                return List.of();
            }
        };
    }
}

package jaio.kernel.protocol.history;

/** One stored cell: the kernel session it ran in (numbered from 1), its execution count, its source. */
public record HistoryEntry(int session, int line, String source) {
}

package jaio;

import java.util.List;

/**
 * The await graph of a future (asyncio.FutureCallGraph): the frames where it is suspended,
 * innermost first (empty for a plain future), and the graphs of the tasks awaiting it.
 */
public record FutureCallGraph(Future<?> future, List<FrameCallGraphEntry> callStack, List<FutureCallGraph> awaitedBy) {
    public FutureCallGraph {
        callStack = List.copyOf(callStack);
        awaitedBy = List.copyOf(awaitedBy);
    }
}

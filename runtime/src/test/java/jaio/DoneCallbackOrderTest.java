package jaio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Done callbacks run in the order added, whatever was removed in between (asyncio.Future). */
class DoneCallbackOrderTest {
    private static List<String> runCallbacks(java.util.function.BiConsumer<Future<Integer>, List<String>> setUp) {
        Loop loop = Loop.newEventLoop();
        try {
            List<String> out = new ArrayList<>();
            Future<Integer> f = loop.createFuture();
            setUp.accept(f, out);
            loop.callSoon(() -> f.setResult(1));
            loop.runUntilComplete(f);
            return out;
        } finally {
            loop.close();
        }
    }

    @Test
    void removingTheFirstCallbackKeepsTheOrderOfTheOthersAndOfLaterOnes() {
        List<String> out = runCallbacks((f, o) -> {
            Consumer<Future<Integer>> a = x -> o.add("a");
            f.addDoneCallback(a);
            f.addDoneCallback(x -> o.add("b"));
            assertEquals(1, f.removeDoneCallback(a));
            f.addDoneCallback(x -> o.add("c"));
            f.addDoneCallback(a);
        });
        assertEquals(List.of("b", "c", "a"), out);
    }

    @Test
    void removeCountsEveryRegistrationAndANewFirstCallbackRunsAlone() {
        List<String> out = runCallbacks((f, o) -> {
            Consumer<Future<Integer>> a = x -> o.add("a");
            f.addDoneCallback(a);
            f.addDoneCallback(a);
            assertEquals(2, f.removeDoneCallback(a));
            assertEquals(0, f.removeDoneCallback(a));
            f.addDoneCallback(x -> o.add("d"));
            f.addDoneCallback(x -> o.add("e"));
        });
        assertEquals(List.of("d", "e"), out);
    }
}

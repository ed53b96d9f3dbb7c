package jaio.examples;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.Async;
import jaio.Coroutine;
import jaio.Future;
import jaio.Loop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime-only examples of seed file 000 ({@code 000_b394776371c74948.txt}), ported line for
 * line; see /work/shared/examples/INVENTORY.md for the Python originals. Delays are scaled by
 * {@link ExampleTest#SCALE}.
 */
class Seed0ExamplesTest extends ExampleTest {

    // ---- S0-05: async & await 关键字 (the async & await keywords) ------------------------------

    Coroutine<Void> func1() {           // async def func1():
        return async(() -> {
            out.print(1);               //     print(1)
            await(sleep(secs(2)));      //     await asyncio.sleep(2)
            out.print(2);               //     print(2)
        });
    }

    Coroutine<Void> func2() {           // async def func2():
        return async(() -> {
            out.print(3);
            await(sleep(secs(2)));
            out.print(4);
        });
    }

    void s0_05_main() {
        List<Future<Void>> tasks = List.of(     // tasks = [
                ensureFuture(func1()),          //     asyncio.ensure_future(func1()),
                ensureFuture(func2()));         //     asyncio.ensure_future(func2())]
        Loop loop = getEventLoop();             // loop = asyncio.get_event_loop()
        loop.runUntilComplete(Async.wait(tasks));     // loop.run_until_complete(asyncio.wait(tasks))
    }

    @Test
    void s0_05_asyncAwaitKeywords() {
        List<Run> runs = scriptRepeated(5, this::s0_05_main);
        assertEveryRunPrinted(runs, "1", "3", "2", "4");
        // 2 s, not 4 s: both sleeps overlap.
        assertTrue(fastest(runs) >= secs(2), "took " + fastest(runs));
        assertTrue(fastest(runs) < secs(3), "the two sleeps must overlap; took " + fastest(runs));
    }
}

package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KeyboardInterrupt raised by a callback leaves the loop, as asyncio's {@code Handle._run}
 * re-raises KeyboardInterrupt and SystemExit instead of reporting them: that is how Ctrl-C ends
 * {@code run_forever()} / {@code run_until_complete()} in a script (seed example S4-11).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyboardInterruptTest {
    @Test
    void keyboardInterruptFromACallbackEndsRunForever() {
        Loop loop = newEventLoop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("before"));
        loop.callSoon(() -> {
            throw new KeyboardInterrupt();
        });
        loop.callSoon(() -> out.add("after"));
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.message()));
        assertThrows(KeyboardInterrupt.class, loop::runForever);
        assertEquals(List.of("before"), out);
        assertEquals(List.of(), reported, "not swallowed by the exception handler");
        assertFalse(loop.isRunning());
        // The callbacks after it are still scheduled: the next run runs them.
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("before", "after"), out);
        loop.close();
    }

    @Test
    void keyboardInterruptFromAnotherThreadEndsRunUntilCompleteAndLeavesTasksPending() {
        Loop loop = newEventLoop();
        Task<?>[] task = new Task<?>[1];
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> {
                throw new KeyboardInterrupt();
            });
        });
        assertThrows(KeyboardInterrupt.class, () -> loop.runUntilComplete(async(() -> {
            task[0] = currentTask();
            await(sleep(5));
        })));
        assertFalse(task[0].done());
        assertEquals(1, allTasks(loop).size());
        task[0].cancel();
        loop.stop();
        loop.runForever();
        assertTrue(task[0].cancelled());
        loop.close();
    }
}

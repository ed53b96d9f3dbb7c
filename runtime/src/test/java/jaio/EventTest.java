package jaio;

import static jaio.Async.*;
import static jaio.TestReprs.rep;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Event semantics; expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {
    @Test
    void setWakesEveryWaiterInOrderAndLaterWaitsReturnAtOnce() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Event ev = new Event();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                ts.add(createTask(async(() -> {
                    out.add(n + " waits");
                    await(ev.wait_());
                    out.add(n + " done");
                })));
            }
            await(sleep(0));
            out.add(rep(ev));
            out.add("set");
            ev.set();
            await(gather(ts));
            out.add(String.valueOf(await(ev.wait_())));
            ev.clear();
            out.add(String.valueOf(ev.isSet()));
            out.add(rep(ev));
        }));
        assertEquals(List.of("0 waits", "1 waits", "2 waits", "<jaio.Event object [unset, waiters:3]>", "set",
                "0 done", "1 done", "2 done", "true", "false", "<jaio.Event object [unset]>"), out);
    }

    @Test
    void clearBeforeTheWaitersRunStillReleasesThem() {
        // The waiters' futures are done at set(); clearing afterwards does not take that back.
        boolean r = run(async(() -> {
            Event ev = new Event();
            Task<Boolean> t = createTask(ev.wait_());
            await(sleep(0));
            ev.set();
            ev.clear();
            return await(t) && !ev.isSet();
        }));
        assertTrue(r);
    }

    @Test
    void aCancelledWaiterLeavesAndOthersStillWake() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Event ev = new Event();
            Task<Boolean> a = createTask(ev.wait_());
            Task<Boolean> b = createTask(ev.wait_());
            await(sleep(0));
            a.cancel();
            await(gather(true, a));
            out.add(rep(ev));
            ev.set();
            out.add(String.valueOf(await(b)));
            out.add(rep(ev));
        }));
        assertEquals(List.of("<jaio.Event object [unset, waiters:1]>", "true", "<jaio.Event object [set]>"), out);
    }

    @Test
    void waitOutsideATaskFails() {
        Event ev = new Event();
        assertThrows(AsyncRuntimeError.class, () -> ev.wait_().await());
        ev.set(); // not bound to a loop yet: allowed, as in asyncio
        assertTrue(ev.isSet());
    }
}

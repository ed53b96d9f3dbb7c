package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** asyncio.BoundedSemaphore semantics. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedSemaphoreTest {
    @Test
    void releasingAboveTheInitialValueFails() {
        run(async(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            await(sem.acquire());
            sem.release();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
            assertEquals("BoundedSemaphore released too many times", e.getMessage());
            assertEquals(2, sem.value());
        }));
    }

    @Test
    void behavesAsASemaphoreOtherwise() {
        String r = run(async(() -> {
            BoundedSemaphore sem = new BoundedSemaphore();
            await(sem.acquire());
            Task<Boolean> waiter = createTask(sem.acquire());
            await(sleep(0));
            assertTrue(sem.locked());
            sem.release();
            await(waiter);
            sem.release();
            return sem.toString().replaceAll(" at 0x[0-9a-f]+", "");
        }));
        assertEquals("<jaio.BoundedSemaphore object [unlocked, value:1]>", r);
    }
}

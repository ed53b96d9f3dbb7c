package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Context variables as in CPython 3.13's contextvars and asyncio: each test names the result
 * CPython gives for the same code (checked with python3.13).
 */
class ContextVarsTest {
    @Test
    void getWithNoValueAndNoDefaultRaisesLookupError_CPythonLookupError() {
        ContextVar<String> v = new ContextVar<>("v");
        LookupError e = assertThrows(LookupError.class, v::get);
        assertTrue(e.getMessage().contains("<ContextVar name='v'"), e.getMessage());
        assertNull(new ContextVar<String>("d", null).get(), "an explicit null default is a default");
    }

    @Test
    void getWithADefaultArgument_CPythonDflt() {
        ContextVar<String> v = new ContextVar<>("v");
        assertEquals("dflt", v.get("dflt"));
        ContextVar<String> w = new ContextVar<>("w", "own");
        assertEquals("arg", w.get("arg"), "the argument wins over the variable's default, as in CPython");
        Context.copyContext().run(() -> {
            v.set("set");
            assertEquals("set", v.get("dflt"));
        });
    }

    @Test
    void setReturnsATokenThatResetRestores_CPythonA() {
        Context.copyContext().run(() -> {
            ContextVar<String> v = new ContextVar<>("v");
            Token<String> t = v.set("a");
            assertSame(v, t.var());
            assertSame(Token.MISSING, t.oldValue());
            Token<String> t2 = v.set("b");
            assertEquals("a", t2.oldValue());
            v.reset(t2);
            assertEquals("a", v.get());
            AsyncRuntimeError used = assertThrows(AsyncRuntimeError.class, () -> v.reset(t2));
            assertTrue(used.getMessage().contains("has already been used once"), used.getMessage());
            ContextVar<String> w = new ContextVar<>("w");
            ValueError other = assertThrows(ValueError.class, () -> w.reset(t));
            assertTrue(other.getMessage().contains("was created by a different ContextVar"), other.getMessage());
            v.reset(t);
            assertThrows(LookupError.class, v::get, "reset to MISSING unsets the variable");
        });
    }

    @Test
    void resetInAnotherContextIsAValueError_CPythonValueError() {
        ContextVar<String> v = new ContextVar<>("v");
        Context ctx = new Context();
        Token<String> t = ctx.run(() -> v.set("x"));
        ValueError e = assertThrows(ValueError.class, () -> Context.copyContext().run(() -> v.reset(t)));
        assertTrue(e.getMessage().contains("was created in a different Context"), e.getMessage());
    }

    @Test
    void contextRunKeepsChangesMadeInside_CPythonX() {
        ContextVar<String> v = new ContextVar<>("v", "outside");
        Context ctx = new Context();
        ctx.run(() -> v.set("x"));
        assertEquals("x", ctx.run(() -> v.get()));
        assertEquals("outside", v.get(), "the caller's own context did not change");
        assertEquals("x", ctx.get(v));
    }

    @Test
    void toThreadKeepsTheCallersContext_CPythonTask() {
        ContextVar<String> v = new ContextVar<>("v", "none");
        String seen = run(async(() -> {
            v.set("task");
            return await(toThread((Callable<String>) v::get));
        }));
        assertEquals("task", seen);
    }

    @Test
    void aTaskStartedFromOutsideALoopSeesTheCallersContext_CPythonOuter() {
        ContextVar<String> v = new ContextVar<>("v", "none");
        String seen = Context.copyContext().run(() -> {
            v.set("outer");
            return run(async(() -> v.get()));
        });
        assertEquals("outer", seen);
    }

    @Test
    void aRunnerCarriesAVariableFromOneRunToTheNext_CPythonInRun1() {
        ContextVar<String> v = new ContextVar<>("v", "none");
        try (Runner r = new Runner()) {
            r.run(async(() -> {
                v.set("in-run-1");
                return null;
            }));
            assertEquals("in-run-1", r.run(async(() -> v.get())));
        }
        assertEquals("none", v.get(), "the caller's context is not changed by the runs");
    }

    @Test
    void createTaskWithAContextRunsTheTaskInThatContext_CPythonSharedChanges() {
        ContextVar<String> v = new ContextVar<>("v", "none");
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Context ctx = new Context();
            ctx.run(() -> v.set("given"));
            Task<Void> t = createTask(async(() -> {
                out.add(v.get());
                v.set("changed-by-task");
            }), "named", ctx);
            assertEquals("named", t.getName());
            await(t);
            // The task ran in ctx itself, not in a copy: its change is visible through ctx.
            out.add(ctx.get(v));
            out.add(v.get());
            return null;
        }));
        assertEquals(List.of("given", "changed-by-task", "none"), out);
    }

    @Test
    void callbacksWithAContextRunInIt_CPythonGiven() {
        ContextVar<String> v = new ContextVar<>("v", "none");
        List<String> out = new ArrayList<>();
        Loop loop = newEventLoop();
        Context ctx = new Context();
        ctx.run(() -> v.set("given"));
        loop.callSoon(() -> out.add("soon " + v.get()), ctx);
        loop.callLater(0.001, () -> out.add("later " + v.get()), ctx);
        loop.callAt(loop.time() + 0.002, () -> out.add("at " + v.get()), ctx);
        loop.callSoonThreadsafe(() -> out.add("threadsafe " + v.get()), ctx);
        loop.callLater(0.05, () -> {
            out.add("default " + v.get());
            loop.stop();
        });
        loop.runForever();
        loop.close();
        assertEquals(List.of("soon given", "threadsafe given", "later given", "at given", "default none"), out);
    }

    @Test
    void aCallbackSeesTheContextOfWhoScheduledItEvenFromAnotherThread_CPythonCopy() throws Exception {
        ContextVar<String> v = new ContextVar<>("v", "none");
        Loop loop = newEventLoop();
        List<String> out = new ArrayList<>();
        Thread other = Thread.ofPlatform().start(() -> {
            v.set("thread");
            loop.callSoonThreadsafe(() -> {
                out.add(v.get());
                loop.stop();
            });
        });
        other.join();
        loop.runForever();
        loop.close();
        assertEquals(List.of("thread"), out);
    }
}

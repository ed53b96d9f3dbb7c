package jaio.greenlet;

import jaio.generators.Generator;
import jaio.generators.Generators;
import jaio.generators.Yielder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static jaio.Async.async;
import static jaio.Async.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Greenlet semantics, on a platform thread and inside a jaio task (a virtual thread). */
class GreenletTest {
    static void onBothPaths(Runnable check) {
        check.run();
        run(async(check::run));
    }

    @Test
    void seedOrderOneThreeTwoFourOnBothPaths() {
        onBothPaths(() -> {
            List<Integer> out = new ArrayList<>();
            Greenlet[] gr = new Greenlet[2];
            gr[0] = new Greenlet(() -> {
                out.add(1);
                gr[1].switchTo();
                out.add(2);
                gr[1].switchTo();
            });
            gr[1] = new Greenlet(() -> {
                out.add(3);
                gr[0].switchTo();
                out.add(4);
            });
            gr[0].switchTo();
            assertEquals(List.of(1, 3, 2, 4), out);
            assertFalse(gr[0].isDead());
            assertTrue(gr[1].isDead());
        });
    }

    @Test
    void bodiesRunOnTheOwnersPlatformThread() {
        String me = Thread.currentThread().getName();
        AtomicReference<String> where = new AtomicReference<>();
        new Greenlet(() -> where.set(Thread.currentThread().toString())).switchTo();
        assertTrue(where.get().endsWith("@" + me), where.get());
    }

    @Test
    void switchValuesReturnValuesAndParents() {
        onBothPaths(() -> {
            Greenlet main = Greenlet.getCurrent();
            assertTrue(main.isMain());
            assertNull(main.getParent());
            Greenlet g = new Greenlet(args -> {
                assertEquals(List.of("a", "b"), List.of(args));
                Object back = main.switchTo("to main");
                assertEquals(42, back);
                Object many = main.switchTo(1, 2);
                assertNull(many);   // resumed with no arguments
                return "finished";
            });
            assertSame(main, g.getParent());
            assertFalse(g.isStarted());
            assertEquals("to main", g.switchTo("a", "b"));
            assertEquals(List.of(1, 2), g.switchTo(42));
            assertEquals("finished", g.switchTo());
            assertTrue(g.isDead());
            // switching to a dead greenlet goes to its parent: here the caller itself
            assertEquals("x", g.switchTo("x"));
        });
    }

    @Test
    void exceptionsGoToTheParentAndThrowInRaisesInside() {
        onBothPaths(() -> {
            Greenlet failing = new Greenlet(() -> {
                throw new IllegalStateException("in greenlet");
            });
            assertEquals("in greenlet", assertThrows(IllegalStateException.class, failing::switchTo).getMessage());
            assertTrue(failing.isDead());

            Greenlet main = Greenlet.getCurrent();
            Greenlet catching = new Greenlet(() -> {
                try {
                    main.switchTo();
                } catch (IllegalArgumentException e) {
                    main.switchTo("caught " + e.getMessage());
                }
            });
            catching.switchTo();
            assertEquals("caught boom", catching.throwIn(new IllegalArgumentException("boom")));
        });
    }

    @Test
    void nestedParentsReturnUpTheChain() {
        List<String> out = new ArrayList<>();
        Greenlet outer = new Greenlet(() -> {
            Greenlet inner = new Greenlet(() -> out.add("inner"));
            assertSame(Greenlet.getCurrent(), inner.getParent());
            inner.switchTo();
            out.add("outer after inner");
        });
        outer.switchTo();
        assertEquals(List.of("inner", "outer after inner"), out);
    }

    @Test
    void switchingToAnotherThreadsGreenletFails() throws Exception {
        Greenlet g = new Greenlet(() -> { });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                g.switchTo();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(5000);
        assertTrue(failure.get() instanceof GreenletError, String.valueOf(failure.get()));
        assertEquals("cannot switch to a different thread", failure.get().getMessage());
        assertFalse(g.isStarted());
    }

    @Test
    void generatorsInsideGreenletsAndGreenletsInsideGenerators() {
        List<Object> out = new ArrayList<>();
        Greenlet g = new Greenlet(() -> {
            for (int v : Generators.generator((Yielder<Integer> y) -> {
                y.yield(1);
                y.yield(2);
            })) {
                out.add(v);
            }
        });
        g.switchTo();
        Generator<String> gen = Generators.generator(y -> {
            Greenlet inner = new Greenlet(args -> "from greenlet " + args[0]);
            y.yield((String) inner.switchTo("x"));
        });
        out.add(gen.next());
        assertEquals(List.of(1, 2, "from greenlet x"), out);
    }
}

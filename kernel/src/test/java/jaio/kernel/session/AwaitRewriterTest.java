package jaio.kernel.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AwaitRewriterTest {

    private static String rw(String s) {
        return AwaitRewriter.rewrite(s).text();
    }

    @Test
    void rewritesThePrefixFormWithPostfixOperand() {
        assertEquals("var x = await( f());", rw("var x = await f();"));
        assertEquals("await( sleep(1));", rw("await sleep(1);"));
        assertEquals("await( gather(a, b))", rw("await gather(a, b)"));
        assertEquals("foo(await( bar()), 2)", rw("foo(await bar(), 2)"));
        assertEquals("await( await( x))", rw("await await x"));
        // As in Python, the whole postfix chain is awaited: await q.get().length() awaits q.get().length().
        assertEquals("int n = await( q.get().length()) + 1;", rw("int n = await q.get().length() + 1;"));
        assertEquals("await( new Foo<List<String>>(1) {}.go())", rw("await new Foo<List<String>>(1) {}.go()"));
        assertEquals("await( Async.<Integer>sleep(1, 2))", rw("await Async.<Integer>sleep(1, 2)"));
        assertEquals("Runnable r = () -> await( sleep(1));", rw("Runnable r = () -> await sleep(1);"));
    }

    @Test
    void aParenthesizedOperandWithATrailerIsAwaitedWholeAsInPython() {
        assertEquals("await( (await( session.get(u))).text())", rw("await (await session.get(u)).text()"));
        assertEquals("await( (x)[0])", rw("await (x)[0]"));
        // Without the space it is the call form: await x, then call text() on the result.
        assertEquals("await(x).text()", rw("await(x).text()"));
        assertEquals("await (x)", rw("await (x)"));
    }

    @Test
    void leavesCallsMembersVariablesLiteralsAndCommentsAlone() {
        for (String s : new String[] {"await(f())", "x.await y", "int await = 1; await = 2;", "\"await f()\"",
                "// await f()\n", "/* await f() */", "\"\"\"\n await f()\n\"\"\"", "'a'", "await instanceof X",
                "await f(", "await -> 1"}) {
            assertEquals(s, rw(s), s);
        }
    }

    @Test
    void mapsPositionsBackToWhatTheUserTyped() {
        String code = "var x = await f(); int y = \"s\";";
        RewrittenSource src = AwaitRewriter.rewrite(code);
        int inRewritten = src.text().indexOf("\"s\"");
        assertEquals(code.indexOf("\"s\""), src.toOriginal(inRewritten));
        assertEquals(code.indexOf(" f()"), src.toOriginal(src.text().indexOf("(")));
        assertEquals(inRewritten, src.toRewritten(code.indexOf("\"s\"")));
    }
}

package jaio.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

    @Test
    void inlineTagsAndHtmlBecomePlainTextAndBlockTagsSections() {
        String doc = """
                Returns the greater of two {@code int} values. That is, see {@link Math#min(int, int) the other one}
                and {@link java.util.List#of}.<p>
                Uses <i>no</i> &lt;magic&gt;.
                @param a   an argument.
                @param b   another argument.
                @return the larger of {@code a} and {@code b}.
                @throws IllegalStateException when {@code a} is odd
                """;
        assertEquals("""
                Returns the greater of two `int` values. That is, see the other one
                and `java.util.List.of`.

                Uses *no* <magic>.

                Parameters:
                  `a` — an argument.
                  `b` — another argument.

                Returns:
                  the larger of `a` and `b`.

                Throws:
                  `IllegalStateException` — when `a` is odd""", JavadocText.render(doc));
    }
}

package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rich display through a real kernel: images, tables, user renderers, sizes, and updates after the cell ended. */
@Timeout(180)
class DisplayEndToEndTest extends OneKernelPerClass {

    @Test
    void aBufferedImageValueArrivesAsBase64Png() throws Exception {
        var run = kernel.run("""
                import java.awt.image.BufferedImage;
                var img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
                img.setRGB(3, 4, 0xff0000);
                img""");
        assertEquals("ok", run.status(), run.error());
        byte[] png = Base64.getDecoder().decode(run.result().get("image/png").getAsString());
        var decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(20, decoded.getWidth());
        assertEquals(10, decoded.getHeight());
        assertEquals(0xff0000, decoded.getRGB(3, 4) & 0xffffff);

        var sized = kernel.run("display(image(img).width(200));");
        JsonObject content = sized.ofType("display_data").getFirst().content();
        assertEquals(200, content.getAsJsonObject("metadata").getAsJsonObject("image/png").get("width").getAsInt());

        var bytes = kernel.run("var out = new ByteArrayOutputStream(); javax.imageio.ImageIO.write(img, \"jpg\", out); out.toByteArray()");
        assertNotNull(bytes.result().get("image/jpeg"), "JPEG bytes are sniffed: " + bytes.result());
        assertTrue(kernel.run("new byte[] {1, 2, 3}").result().get("text/plain").getAsString().startsWith("byte[3]"));
    }

    @Test
    void recordsAndMapsShowAsTablesAndUserTypesAsTheirRenderersSay() {
        var table = kernel.run("record City(String name, int people) {}\nList.of(new City(\"Oslo\", 709000), new City(\"Bergen\", 291000))");
        assertEquals("ok", table.status(), table.error());
        String html = table.result().get("text/html").getAsString();
        assertTrue(html.contains("<th>name</th><th>people</th>") && html.contains("<td>Bergen</td><td>291000</td>"), html);
        assertEquals("name    people\n------  ------\nOslo    709000\nBergen  291000", table.result().get("text/plain").getAsString());

        var maps = kernel.run("List.of(Map.of(\"a\", 1), Map.of(\"a\", 2))");
        assertTrue(maps.result().get("text/html").getAsString().contains("<td>2</td>"), maps.result().toString());

        var custom = kernel.run("registerRenderer(City.class, c -> Map.of(\"text/html\", \"<b>\" + c.name() + \"</b>\"));\nnew City(\"Tromsø\", 77000)");
        assertEquals("<b>Tromsø</b>", custom.result().get("text/html").getAsString(), custom.error());
        var json = kernel.run("json(Map.of(\"k\", List.of(1, 2)))");
        assertEquals("{\"k\":[1,2]}", json.result().get("application/json").toString());
    }

    @Test
    void aDisplayUpdatedByATaskAfterItsCellEndedKeepsItsDisplayId() {
        Message cell = kernel.send("var h = display(\"first\");\ncreateTask(async(() -> { await sleep(0.3); h.update(html(\"<b>second</b>\")); }));");
        var messages = kernel.client.iopubUntilIdle(cell, RunningKernel.WAIT);
        String id = messages.stream().filter(m -> m.msgType().equals("display_data")).findFirst().orElseThrow()
                .content().getAsJsonObject("transient").get("display_id").getAsString();
        Message update = kernel.client.iopub(cell, "update_display_data", RunningKernel.WAIT);
        assertNotNull(update, "the update arrives after the cell ended, under that cell");
        assertEquals(id, update.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("<b>second</b>", update.content().getAsJsonObject("data").get("text/html").getAsString());
    }

    /** The bundle of the display output {@code id} as the frontend ends up showing it (its last update). */
    private static JsonObject lastShown(java.util.List<Message> messages, String id) {
        JsonObject shown = null;
        for (Message m : messages) {
            if ((m.msgType().equals("display_data") || m.msgType().equals("update_display_data"))
                    && m.content().getAsJsonObject("transient").get("display_id").getAsString().equals(id)) {
                shown = m.content().getAsJsonObject("data");
            }
        }
        return shown;
    }

    @Test
    void progressOverAwaitablesReachesAHundredPercentAndShowsAnError() {
        var run = kernel.run("""
                var jobs = new ArrayList<Coroutine<Integer>>();
                for (int i = 0; i < 5; i++) { int k = i; jobs.add(async(() -> { await sleep(0.05 * k); return k * k; })); }
                await gather(progress(jobs, "jobs"))""");
        assertEquals("ok", run.status(), run.error());
        assertEquals("[0, 1, 4, 9, 16]", run.result().get("text/plain").getAsString());
        var first = run.ofType("display_data").getFirst().content();
        String id = first.getAsJsonObject("transient").get("display_id").getAsString();
        assertTrue(first.getAsJsonObject("data").get("text/plain").getAsString().startsWith("jobs:   0%|"), first.toString());
        JsonObject last = lastShown(run.iopub(), id);
        String text = last.get("text/plain").getAsString();
        assertTrue(text.matches("jobs: 100%\\|█{20}\\| 5/5 \\[00:0\\d<00:00, [0-9.]+ it/s\\]"), text);
        assertTrue(last.get("text/html").getAsString().contains("<progress value=\"5\" max=\"5\""), last.toString());

        var failing = kernel.run("""
                Coroutine<Object> ok = async(() -> { await sleep(0.01); return 1; });
                Coroutine<Object> bad = async(() -> { await sleep(0.05); if (true) throw new IllegalStateException("boom"); return 2; });
                await gather(progress(List.of(ok, bad)))""");
        assertEquals("java.lang.IllegalStateException", failing.reply().get("ename").getAsString(), failing.error());
        String badId = failing.ofType("display_data").getFirst().content().getAsJsonObject("transient").get("display_id").getAsString();
        String shown = lastShown(failing.iopub(), badId).get("text/plain").getAsString();
        assertTrue(shown.contains("1/2") && shown.endsWith("failed: java.lang.IllegalStateException: boom"), shown);

        var loop = kernel.run("int sum = 0;\nfor (int x : progress(List.of(1, 2, 3))) sum += x;\nsum");
        assertEquals("6", loop.result().get("text/plain").getAsString(), loop.error());
        String loopId = loop.ofType("display_data").getFirst().content().getAsJsonObject("transient").get("display_id").getAsString();
        assertTrue(lastShown(loop.iopub(), loopId).get("text/plain").getAsString().contains("3/3"));
    }
}
